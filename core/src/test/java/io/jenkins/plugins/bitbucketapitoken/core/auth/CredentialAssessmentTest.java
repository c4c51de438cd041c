package io.jenkins.plugins.bitbucketapitoken.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.Problem;
import io.jenkins.plugins.bitbucketapitoken.core.testing.TestSecrets;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CredentialAssessmentTest {

    private static final String TOKEN = TestSecrets.apiToken(1);
    private static final String ACCESS = TestSecrets.accessToken(2);

    private static CredentialAssessment assess(String secret, String username, String email) {
        return new Credential(CredentialIdentity.of(username, email), SecretValue.of(secret)).assess();
    }

    @Test
    void shouldChooseEmailForRestAndFixedNameForGit() {
        CredentialAssessment result = assess(TOKEN, null, "jane@example.com");

        assertThat(result.git().username()).contains("x-bitbucket-api-token-auth");
        assertThat(result.git().scheme()).isEqualTo(AuthScheme.BASIC);
        assertThat(result.git().usable()).isTrue();
        assertThat(result.rest().username()).contains("jane@example.com");
        assertThat(result.rest().scheme()).isEqualTo(AuthScheme.BASIC);
        assertThat(result.rest().usable()).isTrue();
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void shouldKeepTheBitbucketUsernameForGit() {
        CredentialAssessment result = assess(TOKEN, "jane-doe", "jane@example.com");

        assertThat(result.git().username()).contains("jane-doe");
        assertThat(result.git().usable()).isTrue();
    }

    @Test
    void shouldRefuseTheEmailAsGitUsernameButUseItForRest() {
        CredentialAssessment result = assess(TOKEN, "jane@example.com", null);

        assertThat(result.git().usable()).isFalse();
        assertThat(result.git().problems()).extracting(Problem::code).containsExactly(Message.GIT_USERNAME_IS_EMAIL);
        assertThat(result.git().problems().get(0).action()).contains("x-bitbucket-api-token-auth");
        assertThat(result.rest().usable()).isTrue();
        assertThat(result.rest().username()).contains("jane@example.com");
        assertThat(result.isUsableOnAnyChannel()).isTrue();
    }

    @Test
    void shouldExplainThatRestNeedsTheEmailWhenOnlyABitbucketUsernameIsGiven() {
        CredentialAssessment result = assess(TOKEN, "jane-doe", null);

        assertThat(result.git().usable()).isTrue();
        assertThat(result.rest().usable()).isFalse();
        assertThat(result.rest().problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(Message.REST_USERNAME_NOT_EMAIL);
            assertThat(p.message()).contains("jane-doe");
        });
    }

    @Test
    void shouldAskForTheEmailWhenNothingIsConfigured() {
        CredentialAssessment result = assess(TOKEN, null, null);

        assertThat(result.git().usable()).isTrue();
        assertThat(result.rest().problems()).extracting(Problem::code).containsExactly(Message.REST_NEEDS_EMAIL);
    }

    @Test
    void shouldRefuseAnEmailThatIsNotOne() {
        CredentialAssessment result = assess(TOKEN, "jane@example.com", "jane");

        assertThat(result.git().usable()).isFalse();
        assertThat(result.rest().usable()).isFalse();
        assertThat(result.isUsableOnAnyChannel()).isFalse();
        assertThat(result.problems())
                .extracting(Problem::code)
                .containsExactly(Message.GIT_USERNAME_IS_EMAIL, Message.EMAIL_INVALID);
    }

    @Test
    void shouldSendAccessTokensWithXTokenAuthAndBearer() {
        CredentialAssessment result = assess(ACCESS, null, null);

        assertThat(result.git().username()).contains("x-token-auth");
        assertThat(result.git().usable()).isTrue();
        assertThat(result.rest().scheme()).isEqualTo(AuthScheme.BEARER);
        assertThat(result.rest().username()).isEmpty();
        assertThat(result.rest().usable()).isTrue();
    }

    @Test
    void shouldRefuseAnotherGitUsernameForAnAccessToken() {
        CredentialAssessment result = assess(ACCESS, "jane-doe", null);

        assertThat(result.git().usable()).isFalse();
        assertThat(result.git().problems())
                .extracting(Problem::code)
                .containsExactly(Message.ACCESS_TOKEN_WRONG_GIT_USERNAME);
        assertThat(result.rest().usable()).isTrue();
    }

    static Stream<Arguments> deadSecrets() {
        String damaged = TOKEN.substring(0, 100);
        return Stream.of(
                Arguments.of("new app password", TestSecrets.appPassword(3), Message.APP_PASSWORD),
                Arguments.of("old app password", TestSecrets.oldAppPassword(4), Message.APP_PASSWORD),
                Arguments.of("truncated API token", damaged, Message.API_TOKEN_DAMAGED),
                Arguments.of("unknown", "hunter2", Message.UNKNOWN_SHAPE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deadSecrets")
    void shouldMarkBothChannelsUnusableForSecretsThatCannotWork(String name, String secret, Message expected) {
        CredentialAssessment result = assess(secret, "jane-doe", "jane@example.com");

        assertThat(result.git().usable()).isFalse();
        assertThat(result.rest().usable()).isFalse();
        assertThat(result.isUsableOnAnyChannel()).isFalse();
        assertThat(result.problems()).extracting(Problem::code).contains(expected);
    }

    @Test
    void shouldNeverShowTheSecretInToString() {
        Credential credential =
                new Credential(CredentialIdentity.of("jane-doe", "jane@example.com"), SecretValue.of(TOKEN));

        assertThat(credential.toString())
                .doesNotContain(TOKEN)
                .doesNotContain(TOKEN.substring(12, 40))
                .contains("****");
        assertThat(SecretValue.of(TOKEN).toString()).isEqualTo("****");
        assertThat(credential.assess().toString()).doesNotContain(TOKEN.substring(12, 40));
    }

    @Test
    void shouldTrimPastedSecretsAndCompareThemByValue() {
        assertThat(SecretValue.ofPasted(" " + TOKEN + "\n")).isEqualTo(SecretValue.of(TOKEN));
        assertThat(SecretValue.of(TOKEN)).isNotEqualTo(SecretValue.of(ACCESS));
    }

    @Test
    void shouldTreatBlankUsernamesAsAbsent() {
        assertThat(CredentialIdentity.of("  ", "")).isEqualTo(CredentialIdentity.none());
        assertThat(CredentialIdentity.of(" jane ", null).username()).isEqualTo(Optional.of("jane"));
    }
}
