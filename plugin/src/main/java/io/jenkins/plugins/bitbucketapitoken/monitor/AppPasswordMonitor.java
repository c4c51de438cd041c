package io.jenkins.plugins.bitbucketapitoken.monitor;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.Extension;
import hudson.model.AdministrativeMonitor;
import hudson.model.Failure;
import hudson.model.Item;
import hudson.util.HttpResponses;
import hudson.util.Secret;
import io.jenkins.plugins.bitbucketapitoken.JenkinsAccess;
import io.jenkins.plugins.bitbucketapitoken.Messages;
import io.jenkins.plugins.bitbucketapitoken.core.Problem;
import io.jenkins.plugins.bitbucketapitoken.core.audit.StoreRef;
import io.jenkins.plugins.bitbucketapitoken.core.monitor.AppPasswordSummary;
import io.jenkins.plugins.bitbucketapitoken.core.monitor.AppPasswordSummaryExport;
import io.jenkins.plugins.bitbucketapitoken.core.monitor.Migration;
import io.jenkins.plugins.bitbucketapitoken.credentials.BitbucketApiTokenCredentialsImpl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.verb.POST;

/**
 * Shows, on every page of Jenkins, that jobs still use Bitbucket app passwords, and offers a page that lists them
 * and replaces each app-password credential in place with an API token. The dismissal is remembered per phase of
 * Bitbucket's removal, so a dismissed warning comes back when the phase escalates.
 */
@Extension
@Symbol("bitbucketAppPasswords")
public class AppPasswordMonitor extends AdministrativeMonitor {

    static final String ID = "bitbucketAppPasswords";

    /** Creates the monitor with its stable id. */
    public AppPasswordMonitor() {
        super(ID);
    }

    @Override
    public String getDisplayName() {
        return Messages.AppPasswordMonitor_DisplayName();
    }

    /** Active while any item or local credential uses an app password; reads a cached summary, O(1). */
    @Override
    public boolean isActivated() {
        return AppPasswordIndex.get().summary().isActive();
    }

    /** Tells whether the monitor has not been dismissed in the current phase. */
    @Override
    public boolean isEnabled() {
        return !JenkinsAccess.jenkins().getDisabledAdministrativeMonitors().contains(dismissalKey());
    }

    /** Dismisses (or restores) the monitor for the current phase only. */
    @Override
    public void disable(boolean value) throws IOException {
        Jenkins jenkins = JenkinsAccess.jenkins();
        Set<String> disabled = jenkins.getDisabledAdministrativeMonitors();
        if (value) {
            disabled.add(dismissalKey());
        } else {
            disabled.remove(dismissalKey());
        }
        jenkins.setDisabledAdministrativeMonitors(disabled);
        jenkins.save();
    }

    private String dismissalKey() {
        return AppPasswordSummary.dismissalKey(id, summary().phase());
    }

    /** The summary the message and the page show. */
    public AppPasswordSummary summary() {
        return AppPasswordIndex.get().summary();
    }

    /** The summary with the latest runtime evidence, for the manage page. */
    public AppPasswordSummary getFreshSummary() {
        return AppPasswordIndex.get().freshSummary();
    }

    /** The headline: counts, phase and what to do. */
    public Problem getHeadline() {
        return summary().headline();
    }

    /** Whether the headline is an error (brownouts or removal) rather than a warning. */
    public boolean isDanger() {
        return getHeadline().isError();
    }

    /**
     * Returns the URL of an item relative to the root, for the page's links.
     *
     * @param fullName the item's full name
     * @return its URL, or the root when it no longer exists
     */
    public String itemUrl(String fullName) {
        Item item = JenkinsAccess.jenkins().getItemByFullName(fullName);
        return item == null ? "" : item.getUrl();
    }

    /** Exports the summary as CSV. */
    public void doCsv(StaplerResponse2 rsp) throws IOException {
        checkRequiredPermission();
        rsp.setContentType("text/csv;charset=UTF-8");
        rsp.setHeader("Content-Disposition", "attachment; filename=bitbucket-app-passwords.csv");
        rsp.getOutputStream()
                .write(AppPasswordSummaryExport.toCsv(getFreshSummary()).getBytes(StandardCharsets.UTF_8));
    }

    /** Exports the summary as JSON; also the REST API of this page. */
    public void doJson(StaplerResponse2 rsp) throws IOException {
        checkRequiredPermission();
        rsp.setContentType("application/json;charset=UTF-8");
        rsp.getOutputStream()
                .write(AppPasswordSummaryExport.toJson(getFreshSummary()).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Replaces an app-password credential with a Bitbucket API token credential of the same id, scope and
     * description in the same store and domain, so every job that names it keeps working unchanged. The new
     * values are checked by core first; nothing is written unless all checks pass.
     */
    @POST
    public HttpResponse doMigrate(
            @QueryParameter String store,
            @QueryParameter String id,
            @QueryParameter String email,
            @QueryParameter String token,
            @QueryParameter String gitUsername,
            @QueryParameter String expiry)
            throws IOException {
        StoreRef storeRef = StoreRef.parse(store).orElseThrow(() -> HttpResponses.error(400, "unknown store"));
        LiveCredentials.Found found = LiveCredentials.find(JenkinsAccess.jenkins(), storeRef, id)
                .orElseThrow(() -> HttpResponses.error(404, "no such credential"));
        found.store().checkPermission(CredentialsProvider.UPDATE);
        String plainToken = Secret.toString(Secret.fromString(token));
        List<Problem> problems =
                Migration.check(id, found.record().kind(), email, plainToken, gitUsername, expiry, Clock.systemUTC());
        if (!Migration.mayProceed(problems)) {
            throw new Failure(problems.stream()
                    .filter(Problem::isError)
                    .map(Problem::describe)
                    .collect(Collectors.joining(" ")));
        }
        StandardCredentials current = (StandardCredentials) found.credentials();
        BitbucketApiTokenCredentialsImpl replacement = new BitbucketApiTokenCredentialsImpl(
                current.getScope(), id, current.getDescription(), email, Secret.fromString(plainToken));
        replacement.setGitUsername(gitUsername);
        replacement.setExpiry(expiry);
        found.store().updateCredentials(found.domain(), current, replacement);
        AppPasswordIndex.get().refreshCredentials();
        return HttpResponses.redirectToDot();
    }
}
