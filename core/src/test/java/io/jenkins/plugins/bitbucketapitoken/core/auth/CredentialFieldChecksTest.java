package io.jenkins.plugins.bitbucketapitoken.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.Problem;
import io.jenkins.plugins.bitbucketapitoken.core.Severity;
import io.jenkins.plugins.bitbucketapitoken.core.testing.TestSecrets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialFieldChecksTest {

    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    private static List<Message> codes(List<Problem> problems) {
        return problems.stream().map(Problem::code).toList();
    }

    @Test
    void shouldAcceptAnIntactApiToken() {
        assertThat(CredentialFieldChecks.checkToken(TestSecrets.apiToken(1))).isEmpty();
    }

    @Test
    void shouldRefuseAnAppPasteWithTheRemovalDateAndHowToMakeAToken() {
        List<Problem> problems = CredentialFieldChecks.checkToken(TestSecrets.appPassword(2));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(Message.APP_PASSWORD);
            assertThat(p.severity()).isEqualTo(Severity.ERROR);
            assertThat(p.describe()).contains("2026-07-28").contains("id.atlassian.com");
        });
    }

    @Test
    void shouldRefuseADamagedToken() {
        assertThat(codes(
                        CredentialFieldChecks.checkToken(TestSecrets.apiToken(3).substring(0, 100))))
                .containsExactly(Message.API_TOKEN_DAMAGED);
    }

    @Test
    void shouldOnlyWarnAboutAnUnknownShape() {
        List<Problem> problems = CredentialFieldChecks.checkToken("some-new-token-format");

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(Message.UNKNOWN_SHAPE_MAY_WORK);
            assertThat(p.severity()).isEqualTo(Severity.WARNING);
        });
    }

    @Test
    void shouldSendAccessTokensToASecretTextCredential() {
        assertThat(codes(CredentialFieldChecks.checkToken(TestSecrets.accessToken(4))))
                .containsExactly(Message.ACCESS_TOKEN_NOT_API_TOKEN);
    }

    @Test
    void shouldWarnAboutPastedWhitespaceOnAnIntactToken() {
        List<Problem> problems = CredentialFieldChecks.checkToken(TestSecrets.apiToken(5) + "\n");

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(Message.SECRET_WHITESPACE);
            assertThat(p.severity()).isEqualTo(Severity.WARNING);
        });
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  \n"})
    void shouldRequireAToken(String token) {
        assertThat(codes(CredentialFieldChecks.checkToken(token))).containsExactly(Message.SECRET_EMPTY);
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "NULL",
            value = {
                "jane@example.com, ",
                "' jane@example.com ', ",
                "NULL, EMAIL_REQUIRED",
                "'', EMAIL_REQUIRED",
                "jane, EMAIL_INVALID",
                "jane@localhost, EMAIL_INVALID",
            })
    void shouldRequireAnEmailThatLooksLikeOne(String email, Message expected) {
        List<Problem> problems = CredentialFieldChecks.checkEmail(email);

        if (expected == null) {
            assertThat(problems).isEmpty();
        } else {
            assertThat(codes(problems)).containsExactly(expected);
        }
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "NULL",
            value = {
                "NULL, GIT_USERNAME_DEFAULT, INFO",
                "'', GIT_USERNAME_DEFAULT, INFO",
                "jane@example.com, GIT_USERNAME_IS_EMAIL, ERROR",
                "x-token-auth, GIT_USERNAME_FOR_ACCESS_TOKENS, ERROR",
                "jane doe, GIT_USERNAME_INVALID, ERROR",
                "jane:doe, GIT_USERNAME_INVALID, ERROR",
            })
    void shouldExplainWhatIsWrongWithAGitUsername(String username, Message expected, Severity severity) {
        assertThat(CredentialFieldChecks.checkGitUsername(username))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.code()).isEqualTo(expected);
                    assertThat(p.severity()).isEqualTo(severity);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"jane-doe", "x-bitbucket-api-token-auth", "Jane_Doe2"})
    void shouldAcceptBitbucketUsernamesAndTheFixedName(String username) {
        assertThat(CredentialFieldChecks.checkGitUsername(username)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "NULL",
            value = {
                "NULL, EXPIRY_UNKNOWN, INFO",
                "2026-11-21, TOKEN_EXPIRED, ERROR",
                "2026-11-22, TOKEN_EXPIRES_SOON, WARNING",
                "2026-12-22, TOKEN_EXPIRES_SOON, WARNING",
                "2028-01-01, EXPIRY_TOO_FAR, WARNING",
                "22/11/2026, EXPIRY_INVALID, ERROR",
                "tomorrow, EXPIRY_INVALID, ERROR",
            })
    void shouldJudgeTheExpiryAgainstToday(String expiry, Message expected, Severity severity) {
        assertThat(CredentialFieldChecks.checkExpiry(expiry, TODAY))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.code()).isEqualTo(expected);
                    assertThat(p.severity()).isEqualTo(severity);
                });
    }

    @Test
    void shouldAcceptAnExpiryMoreThanAMonthAhead() {
        assertThat(CredentialFieldChecks.checkExpiry("2027-01-15", TODAY)).isEmpty();
    }

    @Test
    void shouldCountDaysLeftInUtc() {
        assertThat(TokenExpiry.daysLeft(LocalDate.parse("2026-12-22"), TODAY)).isEqualTo(30);
        assertThat(TokenExpiry.state(Optional.of(LocalDate.parse("2026-11-22")), TODAY))
                .isEqualTo(TokenExpiry.State.EXPIRING_SOON);
        assertThat(TokenExpiry.state(Optional.empty(), TODAY)).isEqualTo(TokenExpiry.State.UNKNOWN);
        assertThat(TokenExpiry.state(Optional.of(LocalDate.parse("2027-06-01")), TODAY))
                .isEqualTo(TokenExpiry.State.VALID);
    }
}
