package io.jenkins.plugins.bitbucketapitoken.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PipelineScriptReferencesTest {

    static Stream<Arguments> scripts() {
        return Stream.of(
                Arguments.of("git url: 'https://bitbucket.org/acme/w.git', credentialsId: 'bb'", List.of("bb")),
                Arguments.of("git credentialsId: \"bb\", url: 'https://bitbucket.org/acme/w.git'", List.of("bb")),
                Arguments.of(
                        "checkout scmGit(branches: [[name: 'main']], userRemoteConfigs: [[credentialsId: 'bb',"
                                + " url: 'https://bitbucket.org/acme/w.git']])",
                        List.of("bb")),
                Arguments.of(
                        "withCredentials([usernamePassword(credentialsId: \"bb\", usernameVariable: 'U',"
                                + " passwordVariable: 'P')]) { sh 'x' }",
                        List.of("bb")),
                Arguments.of("environment { BB = credentials('bb-token') }", List.of("bb-token")),
                Arguments.of("sshagent(['key-1', \"key-2\"]) { sh 'git push' }", List.of("key-1", "key-2")),
                Arguments.of("sshagent(credentials: ['key-1']) { }", List.of("key-1")),
                Arguments.of("def id = 'bb'\ngit url: u, credentialsId: id", List.of()),
                Arguments.of("git url: u, credentialsId: \"${BB}\"", List.of("${BB}")),
                Arguments.of("checkoutCredentialsId: 'a'; myCredentialsId: 'b'", List.of()),
                Arguments.of("credentialsId: '''bb'''", List.of("bb")),
                Arguments.of("credentialsId = 'a'\ncredentialsId: 'a'\ncredentialsId: 'b'", List.of("a", "b")),
                Arguments.of("credentialsId: 'unterminated\n'", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void shouldFindLiteralCredentialIdsInEveryCommonForm(String script, List<String> ids) {
        assertThat(PipelineScriptReferences.find(script)).containsExactlyElementsOf(ids);
    }

    @Test
    void shouldFinishQuicklyOnAHugeAdversarialScript() {
        String script = "credentialsId: '".repeat(100_000) + "sshagent([".repeat(50_000);

        assertThat(PipelineScriptReferences.find(script)).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    @Timeout(
            value = 60,
            unit = TimeUnit.SECONDS,
            threadMode =
                    Timeout.ThreadMode.SEPARATE_THREAD) // a hang guard only: the work is linear, under a second here
    void shouldFindEachOfHundredsOfThousandsOfDistinctIdsOnceAndInOrder() {
        // given: 300,000 distinct ids (6 MiB), each named twice; removing repeats from a list took minutes
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < 300_000; i++) {
            script.append("withCredentials([string(credentialsId: 'id")
                    .append(i)
                    .append("')]) {}\n");
        }
        script.append(script);

        // when
        List<String> ids = PipelineScriptReferences.find(script.toString());

        // then
        assertThat(ids).hasSize(300_000).startsWith("id0", "id1").endsWith("id299999");
    }

    @Property(tries = 500)
    void shouldNeverThrowOnAnyScript(@ForAll @StringLength(max = 300) String script) {
        assertThat(PipelineScriptReferences.find(script)).doesNotContainNull();
        assertThat(BitbucketUrls.find(script)).doesNotContainNull();
    }

    @Property(tries = 300)
    void shouldFindAnyQuotedIdAfterCredentialsId(@ForAll @StringLength(min = 1, max = 30) String id) {
        String clean = id.replaceAll("['\"\\\\\\r\\n]", "").strip();
        String script = "git url: 'https://bitbucket.org/a/b.git', credentialsId: '" + clean + "'";

        List<String> found = PipelineScriptReferences.find(script);

        if (clean.isEmpty()) {
            assertThat(found).isEmpty();
        } else {
            assertThat(found).containsExactly(clean);
        }
    }
}
