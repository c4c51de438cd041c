package io.jenkins.plugins.bitbucketapitoken.monitor;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.ManagementLink;
import hudson.security.Permission;
import hudson.util.HttpResponses;
import io.jenkins.plugins.bitbucketapitoken.Messages;
import io.jenkins.plugins.bitbucketapitoken.core.monitor.AppPasswordSummary;
import jenkins.management.Badge;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.HttpResponse;

/**
 * Keeps the app-password page one click away under Manage Jenkins, with the counts on its badge, also after the
 * banner was dismissed.
 */
@Extension
@Symbol("bitbucketAppPasswordsLink")
public class AppPasswordManagementLink extends ManagementLink {

    static final String URL_NAME = "bitbucket-app-passwords";

    @Override
    public String getIconFileName() {
        return "symbol-key";
    }

    @Override
    public String getDisplayName() {
        return Messages.AppPasswordMonitor_DisplayName();
    }

    @Override
    public String getDescription() {
        AppPasswordSummary summary = AppPasswordIndex.get().summary();
        return summary.isActive()
                ? Messages.AppPasswordManagementLink_Counts(
                        summary.items().size(), summary.appPasswordCredentials().size())
                : Messages.AppPasswordManagementLink_DescriptionNone();
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    @NonNull
    @Override
    public Category getCategory() {
        return Category.SECURITY;
    }

    @NonNull
    @Override
    public Permission getRequiredPermission() {
        return Jenkins.ADMINISTER;
    }

    @CheckForNull
    @Override
    public Badge getBadge() {
        AppPasswordSummary summary = AppPasswordIndex.get().summary();
        if (!summary.isActive()) {
            return null;
        }
        return new Badge(
                Integer.toString(summary.items().size()),
                getDescription(),
                summary.headline().isError() ? Badge.Severity.DANGER : Badge.Severity.WARNING);
    }

    /** Opens the monitor's page, which lists the jobs and credentials and replaces credentials in place. */
    public HttpResponse doIndex() {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return HttpResponses.redirectViaContextPath("/administrativeMonitor/" + AppPasswordMonitor.ID + "/");
    }
}
