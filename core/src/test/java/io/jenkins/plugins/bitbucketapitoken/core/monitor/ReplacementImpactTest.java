package io.jenkins.plugins.bitbucketapitoken.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bitbucketapitoken.core.Severity;
import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialIndex;
import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialKind;
import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialRecord;
import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialScope;
import io.jenkins.plugins.bitbucketapitoken.core.audit.ItemConfigReader;
import io.jenkins.plugins.bitbucketapitoken.core.audit.ItemRecord;
import io.jenkins.plugins.bitbucketapitoken.core.audit.StoreRef;
import io.jenkins.plugins.bitbucketapitoken.core.audit.UseChannel;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplacementImpactTest {

    private static final String UP = "com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl";
    private static final CredentialRecord SYSTEM_BB = new CredentialRecord(
            "bb", StoreRef.system(), CredentialScope.GLOBAL, UP, Optional.of("jane-doe"), CredentialKind.APP_PASSWORD);
    private static final CredentialRecord FOLDER_BB = new CredentialRecord(
            "bb",
            StoreRef.folder("team"),
            CredentialScope.GLOBAL,
            UP,
            Optional.of("jane-doe"),
            CredentialKind.APP_PASSWORD);

    private static ItemRecord pipeline(String name, String script) {
        return ItemConfigReader.read(
                        name,
                        "<flow-definition><definition class='org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition'>"
                                + "<script><![CDATA[" + script + "]]></script></definition></flow-definition>")
                .value()
                .orElseThrow();
    }

    private static ItemRecord multibranch(String name) {
        return ItemConfigReader.read(
                        name,
                        "<org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject><sources><data>"
                                + "<jenkins.branch.BranchSource><source"
                                + " class='com.cloudbees.jenkins.plugins.bitbucket.BitbucketSCMSource'>"
                                + "<credentialsId>bb</credentialsId><repoOwner>acme</repoOwner>"
                                + "<repository>widget</repository></source></jenkins.branch.BranchSource></data>"
                                + "</sources></org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject>")
                .value()
                .orElseThrow();
    }

    private final List<ItemRecord> items = List.of(
            multibranch("gateway"),
            pipeline("build", "git url: 'https://bitbucket.org/acme/widget.git', credentialsId: 'bb'"),
            pipeline(
                    "report",
                    "withCredentials([usernamePassword(credentialsId: 'bb', usernameVariable: 'U',"
                            + " passwordVariable: 'P')]) { sh 'curl -u $U:$P https://api.bitbucket.org/2.0/user' }"),
            pipeline("team/other", "git url: 'https://bitbucket.org/acme/widget.git', credentialsId: 'bb'"));

    @Test
    void shouldListEveryUseOfTheCredentialWithItsChannelAndOutcome() {
        ReplacementImpact impact =
                ReplacementImpact.of(SYSTEM_BB, items, CredentialIndex.of(List.of(SYSTEM_BB, FOLDER_BB)));

        assertThat(impact.uses())
                .extracting(ReplacementImpact.Use::item, ReplacementImpact.Use::channel)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("build", UseChannel.GIT),
                        org.assertj.core.groups.Tuple.tuple("gateway", UseChannel.BRANCH_SOURCE),
                        org.assertj.core.groups.Tuple.tuple("report", UseChannel.BINDING_REST));
        assertThat(impact.uses().get(0).outcome().severity()).isEqualTo(Severity.INFO);
        assertThat(impact.uses().get(2).outcome().severity()).isEqualTo(Severity.ERROR);
        assertThat(impact.uses().get(2).outcome().action())
                .contains("bitbucketApiToken(credentialsId: 'bb', emailVariable: 'U', tokenVariable: 'P')");
    }

    @Test
    void shouldLeaveOutItemsThatResolveTheSameIdToAnotherStore() {
        ReplacementImpact impact =
                ReplacementImpact.of(SYSTEM_BB, items, CredentialIndex.of(List.of(SYSTEM_BB, FOLDER_BB)));

        assertThat(impact.uses()).extracting(ReplacementImpact.Use::item).doesNotContain("team/other");
        assertThat(ReplacementImpact.of(FOLDER_BB, items, CredentialIndex.of(List.of(SYSTEM_BB, FOLDER_BB)))
                        .uses())
                .extracting(ReplacementImpact.Use::item)
                .containsExactly("team/other");
    }

    @Test
    void shouldRefuseABreakingReplacementUntilItIsConfirmed() {
        ReplacementImpact impact = ReplacementImpact.of(SYSTEM_BB, items, CredentialIndex.of(List.of(SYSTEM_BB)));

        assertThat(impact.needsConfirmation()).isTrue();
        assertThat(impact.breakingItems()).containsExactly("report");
        assertThat(impact.refusal(false))
                .hasValueSatisfying(p -> assertThat(p.describe()).contains("Replacing bb in place would break report"));
        assertThat(impact.refusal(true)).isEmpty();
    }

    @Test
    void shouldNeedNoConfirmationWhenEveryUseKeepsWorking() {
        ReplacementImpact impact = ReplacementImpact.of(
                SYSTEM_BB, List.of(items.get(0), items.get(1)), CredentialIndex.of(List.of(SYSTEM_BB)));

        assertThat(impact.needsConfirmation()).isFalse();
        assertThat(impact.refusal(false)).isEmpty();
    }
}
