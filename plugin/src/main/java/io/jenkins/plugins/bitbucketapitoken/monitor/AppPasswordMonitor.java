package io.jenkins.plugins.bitbucketapitoken.monitor;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.model.AdministrativeMonitor;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.util.HttpResponses;
import hudson.util.Secret;
import io.jenkins.plugins.bitbucketapitoken.FormValidations;
import io.jenkins.plugins.bitbucketapitoken.JenkinsAccess;
import io.jenkins.plugins.bitbucketapitoken.Messages;
import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.Problem;
import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialRecord;
import io.jenkins.plugins.bitbucketapitoken.core.audit.StoreRef;
import io.jenkins.plugins.bitbucketapitoken.core.audit.UseChannel;
import io.jenkins.plugins.bitbucketapitoken.core.monitor.AppPasswordSummary;
import io.jenkins.plugins.bitbucketapitoken.core.monitor.AppPasswordSummaryExport;
import io.jenkins.plugins.bitbucketapitoken.core.monitor.Migration;
import io.jenkins.plugins.bitbucketapitoken.core.monitor.ReplacementImpact;
import io.jenkins.plugins.bitbucketapitoken.core.monitor.UsageLog;
import io.jenkins.plugins.bitbucketapitoken.core.timeline.DeprecationPhase;
import io.jenkins.plugins.bitbucketapitoken.credentials.BitbucketApiTokenCredentialsImpl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
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
     * @return its URL, or {@code null} when it no longer exists (or the user cannot see it): no link then
     */
    @CheckForNull
    public String itemUrl(String fullName) {
        Item item = JenkinsAccess.jenkins().getItemByFullName(fullName);
        return item == null ? null : item.getUrl();
    }

    /**
     * Names where a credential lives for a person: its store and, when not the global domain, its domain.
     *
     * @param credential the credential as the summary lists it
     * @return for example {@code system} or {@code folder:team (domain bitbucket.org)}
     */
    public String storeAndDomain(CredentialRecord credential) {
        return AppPasswordIndex.get()
                .domainOf(credential.store(), credential.id())
                .map(domain -> credential.store().id() + " (" + Messages.AppPasswordMonitor_domain(domain) + ")")
                .orElse(credential.store().id());
    }

    /**
     * Returns the runtime evidence about a credential: when a build last used it and how a checkout last failed.
     *
     * @param credential the credential as the summary lists it
     * @return the evidence, empty when there is none
     */
    public UsageLog.Evidence evidence(CredentialRecord credential) {
        return AppPasswordIndex.get().usage().evidence(credential.store(), credential.id());
    }

    /**
     * Tells what replacing a credential in place does to every item that uses it, for the replace page.
     *
     * @param store the credential's store, as the page's link names it
     * @param id the credential's id
     * @return the impact, or {@code null} for an unknown store or credential
     */
    @CheckForNull
    public ReplacementImpact impact(String store, String id) {
        return StoreRef.parse(store == null ? "" : store)
                .flatMap(ref -> AppPasswordIndex.get().impactOf(ref, id == null ? "" : id))
                .orElse(null);
    }

    /**
     * Names a channel for a person.
     *
     * @param channel the channel
     * @return its label
     */
    public String channelLabel(UseChannel channel) {
        return switch (channel) {
            case GIT -> Messages.AppPasswordMonitor_channel_git();
            case BRANCH_SOURCE -> Messages.AppPasswordMonitor_channel_branchSource();
            case BINDING_REST -> Messages.AppPasswordMonitor_channel_bindingRest();
            case UNKNOWN -> Messages.AppPasswordMonitor_channel_unknown();
        };
    }

    /** Tells whether Bitbucket's removal is in its final phase, where a dismissal never comes back by itself. */
    public boolean isFinalPhase() {
        return summary().phase() == DeprecationPhase.REMOVED;
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
        rsp.setHeader("Content-Disposition", "attachment; filename=bitbucket-app-passwords.json");
        rsp.getOutputStream()
                .write(AppPasswordSummaryExport.toJson(getFreshSummary()).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Fingerprints a credential as the replace page shows it, for {@link #doMigrate} to tell whether it changed in
     * between; made from its id, type, username and stored ciphertext, never from the plain secret.
     *
     * @param store the credential's store, as the page's link names it
     * @param id the credential's id
     * @return the fingerprint, or an empty text for an unknown store or credential
     */
    public String fingerprint(String store, String id) {
        return StoreRef.parse(store == null ? "" : store)
                .flatMap(ref -> LiveCredentials.find(JenkinsAccess.jenkins(), ref, id == null ? "" : id))
                .map(LiveCredentials::fingerprint)
                .orElse("");
    }

    /**
     * Replaces an app-password credential with a Bitbucket API token credential of the same id, scope and
     * description in the same store and domain, so every job that names it keeps working unchanged. The new
     * values are checked by core first; nothing is written unless all checks pass, and nothing when the credential
     * changed or disappeared since the page showed it. A write the store refuses is reported, never taken for done.
     */
    @POST
    public HttpResponse doMigrate(
            @QueryParameter String store,
            @QueryParameter String id,
            @QueryParameter String email,
            @QueryParameter String token,
            @QueryParameter String gitUsername,
            @QueryParameter String expiry,
            @QueryParameter String fingerprint,
            @QueryParameter boolean confirmBreaking)
            throws IOException {
        checkRequiredPermission();
        StoreRef storeRef = StoreRef.parse(store).orElseThrow(() -> HttpResponses.error(400, "unknown store"));
        String plainToken = Secret.toString(Secret.fromString(token));
        Function<String, HttpResponse> refuse = why -> refused(store, id, email, gitUsername, expiry, why);
        Locale locale = FormValidations.requestLocale();
        synchronized (MIGRATION_LOCK) {
            Optional<LiveCredentials.Found> live = LiveCredentials.find(JenkinsAccess.jenkins(), storeRef, id);
            if (live.isPresent()) {
                live.get().store().checkPermission(CredentialsProvider.UPDATE);
            }
            Optional<Problem> changed =
                    Migration.checkUnchanged(fingerprint, live.map(LiveCredentials::fingerprint), id);
            if (changed.isPresent()) {
                return refuse.apply(changed.get().describe(locale));
            }
            LiveCredentials.Found found = live.orElseThrow();
            List<Problem> problems = Migration.check(
                    id, found.record().kind(), email, plainToken, gitUsername, expiry, Clock.systemUTC());
            if (!Migration.mayProceed(problems)) {
                return refuse.apply(problems.stream()
                        .filter(Problem::isError)
                        .map(p -> p.describe(locale))
                        .collect(Collectors.joining(" ")));
            }
            Optional<Problem> breaks =
                    AppPasswordIndex.get().impactOf(storeRef, id).flatMap(impact -> impact.refusal(confirmBreaking));
            if (breaks.isPresent()) {
                return refuse.apply(breaks.get().describe(locale));
            }
            StandardCredentials current = (StandardCredentials) found.credentials();
            BitbucketApiTokenCredentialsImpl replacement;
            try {
                replacement = new BitbucketApiTokenCredentialsImpl(
                        current.getScope(), id, current.getDescription(), email, Secret.fromString(plainToken));
                replacement.setGitUsername(gitUsername);
                replacement.setExpiry(expiry);
            } catch (Descriptor.FormException | IllegalArgumentException e) {
                return refuse.apply(e.getMessage());
            }
            if (!found.store().updateCredentials(found.domain(), current, replacement)) {
                return refuse.apply(Message.MIGRATION_NOT_WRITTEN.problem(id).describe(locale));
            }
            AppPasswordIndex.get().replaced(found, replacement);
        }
        return HttpResponses.redirectToDot();
    }

    /** One replacement at a time: the check that the credential is unchanged and the write are one step. */
    private static final Object MIGRATION_LOCK = new Object();

    /** Shows the replace form again with what was typed (never the token) and why it was refused. */
    private HttpResponse refused(String store, String id, String email, String gitUsername, String expiry, String why) {
        return HttpResponses.forwardToView(this, "replace")
                .with("refusal", why)
                .with("store", store)
                .with("credentialsId", id)
                .with("email", email)
                .with("gitUsername", gitUsername)
                .with("expiry", expiry);
    }

    /** The credential type's descriptor, whose field checks and Test connection the replace form uses. */
    public BitbucketApiTokenCredentialsImpl.DescriptorImpl getTokenDescriptor() {
        return JenkinsAccess.jenkins().getDescriptorByType(BitbucketApiTokenCredentialsImpl.DescriptorImpl.class);
    }
}
