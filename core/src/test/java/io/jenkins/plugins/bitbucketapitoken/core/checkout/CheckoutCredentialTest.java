package io.jenkins.plugins.bitbucketapitoken.core.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.Problem;
import io.jenkins.plugins.bitbucketapitoken.core.checkout.CheckoutCredential.Decision;
import io.jenkins.plugins.bitbucketapitoken.core.checkout.CheckoutCredential.Type;
import io.jenkins.plugins.bitbucketapitoken.core.secret.SecretKind;
import io.jenkins.plugins.bitbucketapitoken.core.testing.TestSecrets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CheckoutCredentialTest {

    private static final String TOKEN = TestSecrets.apiToken(801);

    @Test
    void shouldSendTheApiTokenCredentialsGitUsername() {
        Decision d = CheckoutCredential.decide(
                "bb", Type.API_TOKEN_CREDENTIAL, Optional.of("jane-doe"), Optional.empty(), TOKEN);

        assertThat(d.gitUsername()).isEqualTo("jane-doe");
        assertThat(d.kind()).isEqualTo(SecretKind.API_TOKEN);
        assertThat(d.blocks()).isFalse();
        assertThat(d.problems()).isEmpty();
        assertThat(d.identity().username()).contains("jane-doe");
    }

    @Test
    void shouldSendAccessTokensInSecretTextWithXTokenAuth() {
        Decision d = CheckoutCredential.decide(
                "at", Type.SECRET_TEXT, Optional.empty(), Optional.empty(), TestSecrets.accessToken(802));

        assertThat(d.gitUsername()).isEqualTo("x-token-auth");
        assertThat(d.blocks()).isFalse();
    }

    @Test
    void shouldSendApiTokensInSecretTextWithTheFixedName() {
        Decision d = CheckoutCredential.decide("st", Type.SECRET_TEXT, Optional.empty(), Optional.empty(), TOKEN);

        assertThat(d.gitUsername()).isEqualTo("x-bitbucket-api-token-auth");
        assertThat(d.blocks()).isFalse();
    }

    @Test
    void shouldStopAnAppPasswordBeforeGitRunsAndSayWhatToDo() {
        Decision d = CheckoutCredential.decide(
                "legacy",
                Type.USERNAME_PASSWORD,
                Optional.of("jane-doe"),
                Optional.empty(),
                TestSecrets.appPassword(803));

        assertThat(d.blocks()).isTrue();
        assertThat(d.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(Message.CHECKOUT_APP_PASSWORD);
            assertThat(p.message()).contains("legacy").contains("2026-07-28").contains("CHANGE-3222");
            assertThat(p.action()).contains("read:repository:bitbucket");
        });
    }

    @Test
    void shouldStopTheEmailAsGitUsername() {
        Decision d = CheckoutCredential.decide(
                "up", Type.USERNAME_PASSWORD, Optional.of("jane@example.com"), Optional.empty(), TOKEN);

        assertThat(d.blocks()).isTrue();
        assertThat(d.problems()).extracting(Problem::code).containsExactly(Message.GIT_USERNAME_IS_EMAIL);
    }

    @Test
    void shouldStopADamagedToken() {
        Decision d = CheckoutCredential.decide(
                "up", Type.USERNAME_PASSWORD, Optional.of("jane-doe"), Optional.empty(), TOKEN.substring(0, 90));

        assertThat(d.blocks()).isTrue();
        assertThat(d.problems()).extracting(Problem::code).containsExactly(Message.API_TOKEN_DAMAGED);
    }

    @Test
    void shouldOnlyWarnAboutAnUnknownShape() {
        Decision d = CheckoutCredential.decide(
                "up", Type.USERNAME_PASSWORD, Optional.of("jane-doe"), Optional.empty(), "future-format");

        assertThat(d.blocks()).isFalse();
        assertThat(d.problems()).extracting(Problem::code).containsExactly(Message.UNKNOWN_SHAPE_MAY_WORK);
    }

    @Test
    void shouldStopAnEmptySecret() {
        assertThat(CheckoutCredential.decide(
                                "up", Type.USERNAME_PASSWORD, Optional.of("jane-doe"), Optional.empty(), "")
                        .blocks())
                .isTrue();
    }
}
