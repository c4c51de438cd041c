package io.jenkins.plugins.bitbucketapitoken.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.Problem;
import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialKind;
import io.jenkins.plugins.bitbucketapitoken.core.audit.StoreRef;
import io.jenkins.plugins.bitbucketapitoken.core.auth.TokenExpiry;
import io.jenkins.plugins.bitbucketapitoken.core.testing.TestSecrets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MigrationTest {

    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-22T08:00:00Z"), ZoneOffset.UTC);
    private static final String TOKEN = TestSecrets.apiToken(1101);

    @Test
    void shouldAllowReplacingAnAppPasswordWithAValidToken() {
        List<Problem> problems = Migration.check(
                "bb", CredentialKind.APP_PASSWORD, "jane@example.com", TOKEN, "jane-doe", "2027-03-01", TODAY);

        assertThat(problems).isEmpty();
        assertThat(Migration.mayProceed(problems)).isTrue();
    }

    @Test
    void shouldRefuseToReplaceACredentialThatIsNotAnAppPassword() {
        List<Problem> problems =
                Migration.check("bb", CredentialKind.API_TOKEN, "jane@example.com", TOKEN, "", "", TODAY);

        assertThat(problems).extracting(Problem::code).contains(Message.MIGRATION_NOT_AN_APP_PASSWORD);
        assertThat(Migration.mayProceed(problems)).isFalse();
    }

    @Test
    void shouldRefuseAnotherAppPasswordAsTheReplacement() {
        List<Problem> problems = Migration.check(
                "bb", CredentialKind.APP_PASSWORD, "jane@example.com", TestSecrets.appPassword(1102), "", "", TODAY);

        assertThat(problems).extracting(Problem::code).contains(Message.APP_PASSWORD);
        assertThat(Migration.mayProceed(problems)).isFalse();
    }

    @Test
    void shouldRefuseAMissingEmailAndAnEmailAsGitUsername() {
        List<Problem> problems =
                Migration.check("bb", CredentialKind.APP_PASSWORD, "", TOKEN, "jane@example.com", "", TODAY);

        assertThat(problems).extracting(Problem::code).contains(Message.EMAIL_REQUIRED, Message.GIT_USERNAME_IS_EMAIL);
        assertThat(Migration.mayProceed(problems)).isFalse();
    }

    @Test
    void shouldFindExpiredAndExpiringTokensSoonestFirst() {
        ExpiringTokens expiring = ExpiringTokens.of(
                List.of(
                        new ExpiringTokens.Candidate(
                                StoreRef.system(), "later", Optional.of(LocalDate.parse("2027-06-01"))),
                        new ExpiringTokens.Candidate(
                                StoreRef.system(), "soon", Optional.of(LocalDate.parse("2026-12-01"))),
                        new ExpiringTokens.Candidate(
                                StoreRef.folder("team"), "gone", Optional.of(LocalDate.parse("2026-11-01"))),
                        new ExpiringTokens.Candidate(StoreRef.system(), "unknown", Optional.empty())),
                TODAY);

        assertThat(expiring.tokens()).extracting(ExpiringTokens.Token::id).containsExactly("gone", "soon");
        assertThat(expiring.tokens().get(0).state()).isEqualTo(TokenExpiry.State.EXPIRED);
        assertThat(expiring.tokens().get(1).daysLeft()).isEqualTo(9);
        assertThat(expiring.isActive()).isTrue();
        assertThat(expiring.headline().message()).endsWith("expire within 30 days: 2.");
    }

    @Test
    void shouldTellAChangedOrRemovedCredentialFromTheOneThePageShowed() {
        String shown = Migration.fingerprint(
                "bb", "UsernamePasswordCredentialsImpl", Optional.of("jane-doe"), Optional.of("{AQAA1}"));
        String reEncrypted = Migration.fingerprint(
                "bb", "UsernamePasswordCredentialsImpl", Optional.of("jane-doe"), Optional.of("{AQAA2}"));
        String otherUser = Migration.fingerprint(
                "bb", "UsernamePasswordCredentialsImpl", Optional.of("john"), Optional.of("{AQAA1}"));
        // the parts are length-prefixed: moving a character from one part to the next changes the fingerprint
        String shifted = Migration.fingerprint(
                "b", "bUsernamePasswordCredentialsImpl", Optional.of("jane-doe"), Optional.of("{AQAA1}"));

        assertThat(shown).hasSize(32).isHexadecimal().isNotIn(reEncrypted, otherUser, shifted);
        assertThat(Migration.checkUnchanged(shown, Optional.of(shown), "bb")).isEmpty();
        assertThat(Migration.checkUnchanged(shown, Optional.of(reEncrypted), "bb"))
                .get()
                .extracting(Problem::code)
                .isEqualTo(Message.MIGRATION_CHANGED_SINCE_SHOWN);
        assertThat(Migration.checkUnchanged(shown, Optional.empty(), "bb")).isPresent();
        assertThat(Migration.checkUnchanged(null, Optional.of(shown), "bb")).isPresent();
    }
}
