package io.jenkins.plugins.bitbucketapitoken.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bitbucketapitoken.core.Validated;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScriptUsesTest {

    private static UseChannel channelOf(String script) {
        List<CredentialReference> uses = ScriptUses.find(script);
        assertThat(uses).hasSize(1);
        return uses.get(0).channel();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "git url: 'https://bitbucket.org/acme/w.git', credentialsId: 'bb'",
                "checkout scmGit(userRemoteConfigs: [[credentialsId: 'bb', url: 'https://bitbucket.org/acme/w.git']])",
                "checkout([$class: 'GitSCM', userRemoteConfigs: [[credentialsId: 'bb', url: 'u']]])",
                "bitbucketCheckout repository: 'acme/w', credentialsId: 'bb'",
                "withCredentials([gitUsernamePassword(credentialsId: 'bb')]) { sh 'git push' }"
            })
    void shouldCallEveryGitStepAGitUse(String script) {
        assertThat(channelOf(script)).isEqualTo(UseChannel.GIT);
    }

    @Test
    void shouldFlagAUsernamePasswordBindingWhoseUsernameGoesToTheRestApiAndGiveTheExactFix() {
        String script = "withCredentials([usernamePassword(credentialsId: 'bb', usernameVariable: 'BB_USER',"
                + " passwordVariable: 'BB_PASS')]) {\n"
                + "  sh 'curl -u \"$BB_USER:$BB_PASS\" https://api.bitbucket.org/2.0/repositories/acme'\n}";

        List<CredentialReference> uses = ScriptUses.find(script);

        assertThat(uses).singleElement().satisfies(use -> {
            assertThat(use.channel()).isEqualTo(UseChannel.BINDING_REST);
            assertThat(use.channel().safety()).isEqualTo(UseChannel.Safety.UNSAFE);
            assertThat(use.fix())
                    .contains("Replace usernamePassword(credentialsId: 'bb', usernameVariable: 'BB_USER', ...) with"
                            + " bitbucketApiToken(credentialsId: 'bb', emailVariable: 'BB_USER', tokenVariable:"
                            + " 'BB_PASS').");
        });
    }

    @Test
    void shouldFlagAColonBindingAndAnEnvironmentCredentialUsedAgainstTheApi() {
        String colon = "withCredentials([usernameColonPassword(credentialsId: 'bb', variable: 'PAIR')]) {\n"
                + "  sh 'curl -u ${PAIR} https://api.bitbucket.org/2.0/user'\n}";
        String environment = "pipeline { environment { BB = credentials('bb') }\n"
                + "  stages { stage('x') { steps { sh 'curl -u $BB_USR:$BB_PSW https://api.bitbucket.org/2.0/user' }"
                + " } } }";

        assertThat(ScriptUses.find(colon)).singleElement().satisfies(use -> assertThat(use.fix())
                .hasValueSatisfying(fix -> assertThat(fix).contains("\"$BB_EMAIL:$BB_TOKEN\" where $PAIR was used")));
        assertThat(ScriptUses.find(environment)).singleElement().satisfies(use -> {
            assertThat(use.channel()).isEqualTo(UseChannel.BINDING_REST);
            assertThat(use.fix()).hasValueSatisfying(fix -> assertThat(fix)
                    .contains("emailVariable: 'BB_USR', tokenVariable: 'BB_PSW'"));
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                // bound, but the script never calls the REST API
                "withCredentials([usernamePassword(credentialsId: 'bb', usernameVariable: 'U', passwordVariable: 'P')])"
                        + " { sh 'git push https://$U:$P@bitbucket.org/acme/w.git' }",
                // calls the API, but not with the bound username
                "withCredentials([usernamePassword(credentialsId: 'bb', usernameVariable: 'U', passwordVariable: 'P')])"
                        + " { sh 'curl https://api.bitbucket.org/2.0/repositories/acme' }",
                "sshagent(['bb']) { sh 'git fetch' }",
                "someOtherStep(credentialsId: 'bb')"
            })
    void shouldCallEveryOtherUseUnknown(String script) {
        assertThat(channelOf(script)).isEqualTo(UseChannel.UNKNOWN);
    }

    @Test
    void shouldReportTheSameIdsAsTheReferenceFinderWithOneEntryPerChannel() {
        String script = "git url: 'https://bitbucket.org/acme/w.git', credentialsId: 'bb'\n"
                + "withCredentials([usernamePassword(credentialsId: 'bb', usernameVariable: 'U', passwordVariable:"
                + " 'P')]) { sh 'curl -u $U:$P https://api.bitbucket.org/2.0/user' }\n"
                + "sshagent(['deploy']) { sh 'scp' }";

        List<CredentialReference> uses = ScriptUses.find(script);

        assertThat(uses).extracting(CredentialReference::credentialsId).containsOnly("bb", "deploy");
        assertThat(uses.stream()
                        .map(CredentialReference::credentialsId)
                        .distinct()
                        .toList())
                .containsExactlyInAnyOrderElementsOf(PipelineScriptReferences.find(script));
        assertThat(uses)
                .extracting(CredentialReference::credentialsId, CredentialReference::channel)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("bb", UseChannel.GIT),
                        org.assertj.core.groups.Tuple.tuple("bb", UseChannel.BINDING_REST),
                        org.assertj.core.groups.Tuple.tuple("deploy", UseChannel.UNKNOWN));
        assertThat(uses).allSatisfy(use -> assertThat(use.where()).isEqualTo(ReferenceSource.SCRIPT));
    }

    @Test
    void shouldStayLinearOnAHostileScript() {
        String script = "usernamePassword(".repeat(50_000) + "credentialsId: 'x', ".repeat(200_000)
                + " usernameVariable: 'U' $U api.bitbucket.org";

        List<CredentialReference> uses = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                Duration.ofSeconds(20), () -> ScriptUses.find(script));

        assertThat(uses).extracting(CredentialReference::credentialsId).containsOnly("x");
    }

    @Test
    void shouldClassifyAFreestyleBindingFromTheJobsShellCommands() {
        String config = "<project><builders><hudson.tasks.Shell><command>curl -u \"$BB_USER:$BB_PASS\""
                + " https://api.bitbucket.org/2.0/user</command></hudson.tasks.Shell></builders><buildWrappers>"
                + "<org.jenkinsci.plugins.credentialsbinding.impl.SecretBuildWrapper><bindings>"
                + "<org.jenkinsci.plugins.credentialsbinding.impl.UsernamePasswordMultiBinding>"
                + "<credentialsId>bb</credentialsId><usernameVariable>BB_USER</usernameVariable>"
                + "<passwordVariable>BB_PASS</passwordVariable>"
                + "</org.jenkinsci.plugins.credentialsbinding.impl.UsernamePasswordMultiBinding></bindings>"
                + "</org.jenkinsci.plugins.credentialsbinding.impl.SecretBuildWrapper></buildWrappers></project>";

        Validated<ItemRecord> read = ItemConfigReader.read("api-job", config);

        assertThat(read.value().orElseThrow().references()).singleElement().satisfies(use -> {
            assertThat(use.channel()).isEqualTo(UseChannel.BINDING_REST);
            assertThat(use.fix()).hasValueSatisfying(fix -> assertThat(fix)
                    .contains("\"Bitbucket API token\": e-mail variable BB_USER, token variable BB_PASS"));
        });
        assertThat(ScriptUses.freestyleBinding(
                                "org.jenkinsci.plugins.credentialsbinding.impl.UsernamePasswordMultiBinding",
                                "bb",
                                Map.of("usernameVariable", "BB_USER"),
                                "git push https://$BB_USER@bitbucket.org/acme/w.git")
                        .channel())
                .isEqualTo(UseChannel.UNKNOWN);
    }

    @Test
    void shouldGiveEveryConfigurationPlaceItsChannel() {
        assertThat(UseChannel.of(ReferenceSource.SCM)).isEqualTo(UseChannel.GIT);
        assertThat(UseChannel.of(ReferenceSource.BRANCH_SOURCE)).isEqualTo(UseChannel.BRANCH_SOURCE);
        assertThat(UseChannel.of(ReferenceSource.NAVIGATOR)).isEqualTo(UseChannel.BRANCH_SOURCE);
        assertThat(UseChannel.of(ReferenceSource.OTHER)).isEqualTo(UseChannel.UNKNOWN);
        assertThat(UseChannel.BRANCH_SOURCE.id()).isEqualTo("branch-source");
        assertThat(UseChannel.BINDING_REST.id()).isEqualTo("binding-rest");
    }
}
