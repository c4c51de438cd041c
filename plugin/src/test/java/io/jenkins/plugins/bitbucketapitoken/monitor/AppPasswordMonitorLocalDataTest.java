package io.jenkins.plugins.bitbucketapitoken.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bitbucketapitoken.core.monitor.AppPasswordSummary;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.jvnet.hudson.test.junit.jupiter.WithLocalData;

/**
 * Starts Jenkins on the example home the CLI's scan reads ({@code examples/jenkins-home}, copied into the test
 * resources by the POM), so the live monitor and the offline scan are checked against the same data.
 */
@WithJenkins
class AppPasswordMonitorLocalDataTest {

    @Test
    @WithLocalData("exampleHome")
    void shouldListTheJobsTheOfflineScanListsAndRespectFolderShadowing(JenkinsRule j) {
        AppPasswordIndex.get().rebuild();
        AppPasswordMonitor monitor =
                Jenkins.get().getExtensionList(AppPasswordMonitor.class).get(0);

        AppPasswordSummary summary = monitor.getFreshSummary();

        assertThat(monitor.isActivated()).isTrue();
        assertThat(summary.items())
                .contains("widget-build", "widget-release", "legacy-nightly")
                .doesNotContain("payments/ledger-build", "docs-site");
        assertThat(summary.appPasswordCredentials())
                .extracting(c -> c.store().id() + ":" + c.id())
                .contains("system:bitbucket");
    }
}
