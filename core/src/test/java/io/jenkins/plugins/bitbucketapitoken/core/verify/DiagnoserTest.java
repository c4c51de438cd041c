package io.jenkins.plugins.bitbucketapitoken.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bitbucketapitoken.core.BitbucketCloud;
import io.jenkins.plugins.bitbucketapitoken.core.auth.AuthScheme;
import io.jenkins.plugins.bitbucketapitoken.core.auth.Channel;
import io.jenkins.plugins.bitbucketapitoken.core.auth.ChannelAuthentication;
import io.jenkins.plugins.bitbucketapitoken.core.auth.Credential;
import io.jenkins.plugins.bitbucketapitoken.core.auth.CredentialAssessment;
import io.jenkins.plugins.bitbucketapitoken.core.auth.CredentialIdentity;
import io.jenkins.plugins.bitbucketapitoken.core.auth.SecretValue;
import io.jenkins.plugins.bitbucketapitoken.core.testing.TestSecrets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DiagnoserTest {

    static final CredentialAssessment TOKEN =
            assess("x-bitbucket-api-token-auth", "jane@example.com", TestSecrets.apiToken(1));
    static final CredentialAssessment TOKEN_EMAIL_FOR_GIT =
            assess("jane@example.com", "jane@example.com", TestSecrets.apiToken(2));
    static final CredentialAssessment TOKEN_USERNAME_FOR_REST = assess("jane-doe", "jane-doe", TestSecrets.apiToken(3));
    static final CredentialAssessment APP_PASSWORD = assess("jane-doe", "jane@example.com", TestSecrets.appPassword(4));

    static CredentialAssessment assess(String username, String email, String secret) {
        return new Credential(CredentialIdentity.of(username, email), SecretValue.of(secret)).assess();
    }

    static String json(String message) {
        return "{\"type\":\"error\",\"error\":{\"message\":\"" + message + "\"}}";
    }

    static Stream<Arguments> answers() {
        String scopes403 = "{\"type\":\"error\",\"error\":{\"message\":\"" + BitbucketCloud.MISSING_SCOPE_TEXT
                + "\",\"detail\":{\"required\":[\"read:repository:bitbucket\"],\"granted\":[\"read:user:bitbucket\"]}}}";
        return Stream.of(
                Arguments.of(
                        Channel.GIT,
                        410,
                        BitbucketCloud.APP_PASSWORD_GIT_FIRST_LINE + "\n" + BitbucketCloud.APP_PASSWORD_DEPRECATED_TEXT,
                        APP_PASSWORD,
                        DiagnosisCode.APP_PASSWORD_REMOVED),
                Arguments.of(Channel.GIT, 410, "", APP_PASSWORD, DiagnosisCode.APP_PASSWORD_REMOVED),
                Arguments.of(
                        Channel.REST,
                        401,
                        json(BitbucketCloud.APP_PASSWORD_DEPRECATED_TEXT),
                        APP_PASSWORD,
                        DiagnosisCode.APP_PASSWORD_REMOVED),
                Arguments.of(
                        Channel.REST,
                        401,
                        json(BitbucketCloud.ACCOUNT_PASSWORD_TEXT + " for API."),
                        TOKEN,
                        DiagnosisCode.ACCOUNT_PASSWORD),
                Arguments.of(
                        Channel.GIT,
                        401,
                        BitbucketCloud.GIT_NO_ACCESS_TEXT,
                        TOKEN_EMAIL_FOR_GIT,
                        DiagnosisCode.EMAIL_AS_GIT_USERNAME),
                Arguments.of(Channel.GIT, 401, BitbucketCloud.GIT_NO_ACCESS_TEXT, TOKEN, DiagnosisCode.NO_ACCESS),
                Arguments.of(Channel.GIT, 401, "", TOKEN, DiagnosisCode.CREDENTIALS_REJECTED),
                Arguments.of(
                        Channel.REST,
                        401,
                        json(BitbucketCloud.LOGIN_FAILED_TEXT),
                        TOKEN_USERNAME_FOR_REST,
                        DiagnosisCode.USERNAME_FOR_REST),
                Arguments.of(
                        Channel.REST,
                        401,
                        json(BitbucketCloud.LOGIN_FAILED_TEXT),
                        TOKEN,
                        DiagnosisCode.CREDENTIALS_REJECTED),
                Arguments.of(
                        Channel.REST,
                        401,
                        json(BitbucketCloud.TOKEN_INVALID_TEXT),
                        TOKEN,
                        DiagnosisCode.TOKEN_INVALID_OR_EXPIRED),
                Arguments.of(
                        Channel.GIT,
                        401,
                        BitbucketCloud.TOKEN_INVALID_TEXT,
                        TOKEN,
                        DiagnosisCode.TOKEN_INVALID_OR_EXPIRED),
                Arguments.of(
                        Channel.REST,
                        401,
                        json(BitbucketCloud.TOKEN_INVALID_TEXT),
                        bearer(TOKEN),
                        DiagnosisCode.TOKEN_SENT_AS_BEARER),
                Arguments.of(Channel.REST, 403, scopes403, TOKEN, DiagnosisCode.MISSING_SCOPE),
                Arguments.of(Channel.GIT, 403, BitbucketCloud.MISSING_SCOPE_TEXT, TOKEN, DiagnosisCode.MISSING_SCOPE),
                Arguments.of(Channel.GIT, 403, "", TOKEN, DiagnosisCode.NO_ACCESS),
                Arguments.of(
                        Channel.REST,
                        404,
                        json(BitbucketCloud.REPOSITORY_NOT_FOUND_TEXT),
                        TOKEN,
                        DiagnosisCode.REPOSITORY_NOT_FOUND),
                Arguments.of(Channel.GIT, 404, "", TOKEN, DiagnosisCode.REPOSITORY_NOT_FOUND),
                Arguments.of(
                        Channel.REST,
                        410,
                        json("CHANGE-2770 - This API is no longer available."),
                        TOKEN,
                        DiagnosisCode.ENDPOINT_REMOVED),
                Arguments.of(
                        Channel.REST, 429, json(BitbucketCloud.RATE_LIMIT_TEXT), TOKEN, DiagnosisCode.RATE_LIMITED),
                Arguments.of(Channel.GIT, 429, "", TOKEN, DiagnosisCode.RATE_LIMITED),
                Arguments.of(Channel.REST, 502, "<html>Bad gateway</html>", TOKEN, DiagnosisCode.SERVER_ERROR),
                Arguments.of(Channel.GIT, 302, "", TOKEN, DiagnosisCode.REDIRECTED),
                Arguments.of(Channel.REST, 418, json("I am a teapot"), TOKEN, DiagnosisCode.UNKNOWN_RESPONSE));
    }

    static CredentialAssessment bearer(CredentialAssessment basic) {
        return new CredentialAssessment(
                basic.secret(),
                basic.git(),
                new ChannelAuthentication(Channel.REST, true, Optional.empty(), AuthScheme.BEARER, List.of()));
    }

    @ParameterizedTest(name = "{0} {1} {4}")
    @MethodSource("answers")
    void shouldMapEveryAnswerOfTheFactsToACauseAndAnAction(
            Channel channel, int status, String body, CredentialAssessment sent, DiagnosisCode expected) {
        Optional<Diagnosis> diagnosis = Diagnoser.diagnose(channel, status, body, Map.of(), sent);

        assertThat(diagnosis).hasValueSatisfying(d -> {
            assertThat(d.code()).isEqualTo(expected);
            assertThat(d.channel()).isEqualTo(channel);
            assertThat(d.message()).isNotBlank();
            assertThat(d.action()).isNotBlank();
        });
    }

    @Test
    void shouldNameTheMissingScopesFromTheRequiredAndGrantedLists() {
        String body = "{\"error\":{\"message\":\"" + BitbucketCloud.MISSING_SCOPE_TEXT + "\",\"detail\":{"
                + "\"required\":[\"read:repository:bitbucket\",\"read:user:bitbucket\"],"
                + "\"granted\":[\"read:user:bitbucket\"]}}}";

        Diagnosis d =
                Diagnoser.diagnose(Channel.REST, 403, body, Map.of(), TOKEN).orElseThrow();

        assertThat(d.message())
                .contains("lacks read:repository:bitbucket on the REST API")
                .contains("It has read:user:bitbucket")
                .doesNotContain("lacks read:repository:bitbucket and read:user:bitbucket");
        assertThat(d.action()).contains("read:user:bitbucket, read:repository:bitbucket");
    }

    @Test
    void shouldNameTheNeededScopeWhenBitbucketDoesNotListThem() {
        Diagnosis d = Diagnoser.diagnose(
                        Channel.GIT,
                        403,
                        BitbucketCloud.MISSING_SCOPE_TEXT,
                        Map.of(),
                        TOKEN,
                        List.of(BitbucketCloud.SCOPE_READ_REPOSITORY, BitbucketCloud.SCOPE_WRITE_REPOSITORY))
                .orElseThrow();

        assertThat(d.message()).contains("read:repository:bitbucket and write:repository:bitbucket");
    }

    @Test
    void shouldReportAnUnknownAnswerWithItsStatusAndBitbucketsOwnWords() {
        Diagnosis d = Diagnoser.diagnose(
                        Channel.REST, 451, json("Unavailable for\\u0007 legal reasons"), Map.of(), TOKEN)
                .orElseThrow();

        assertThat(d.code()).isEqualTo(DiagnosisCode.UNKNOWN_RESPONSE);
        assertThat(d.message()).contains("HTTP 451").contains("Bitbucket said: \"Unavailable for legal reasons\"");
    }

    @Test
    void shouldTellHowLongToWaitFromRetryAfter() {
        Diagnosis d = Diagnoser.diagnose(Channel.REST, 429, "", Map.of("retry-after", List.of("120")), TOKEN)
                .orElseThrow();

        assertThat(d.action()).contains("in 120 seconds");
    }

    @Test
    void shouldFindNothingWrongInASuccess() {
        assertThat(Diagnoser.diagnose(Channel.REST, 200, "{}", Map.of(), TOKEN)).isEmpty();
    }

    static Stream<Arguments> gitOutputs() {
        return Stream.of(
                Arguments.of(
                        "remote: CHANGE-3222 - Functionality has been deprecated\n"
                                + "remote: App passwords are deprecated and must be replaced with API tokens.\n"
                                + "fatal: unable to access 'https://bitbucket.org/acme/widget.git/': The requested URL"
                                + " returned error: 410\n",
                        APP_PASSWORD,
                        DiagnosisCode.APP_PASSWORD_REMOVED),
                Arguments.of(
                        "remote: You may not have access to this repository or it no longer exists in this"
                                + " workspace. If you think this repository exists and you have access, make sure you"
                                + " are authenticated.\n"
                                + "fatal: Authentication failed for 'https://bitbucket.org/acme/widget.git/'\n",
                        TOKEN_EMAIL_FOR_GIT,
                        DiagnosisCode.EMAIL_AS_GIT_USERNAME),
                Arguments.of(
                        "fatal: Authentication failed for 'https://bitbucket.org/acme/widget.git/'\n",
                        TOKEN,
                        DiagnosisCode.NO_ACCESS),
                Arguments.of(
                        "remote: Token is invalid, expired, or not supported for this endpoint.\n"
                                + "fatal: Authentication failed for 'https://bitbucket.org/acme/widget.git/'\n",
                        TOKEN,
                        DiagnosisCode.TOKEN_INVALID_OR_EXPIRED),
                Arguments.of(
                        "remote: Your credentials lack one or more required privilege scopes.\n"
                                + "fatal: unable to access 'https://bitbucket.org/acme/widget.git/': The requested URL"
                                + " returned error: 403\n",
                        TOKEN,
                        DiagnosisCode.MISSING_SCOPE),
                Arguments.of(
                        "remote: Repository not found\nfatal: repository 'https://bitbucket.org/acme/x.git/' not"
                                + " found\n",
                        TOKEN,
                        DiagnosisCode.REPOSITORY_NOT_FOUND),
                Arguments.of(
                        "fatal: unable to access 'https://bitbucket.org/acme/widget.git/': The requested URL returned"
                                + " error: 429\n",
                        TOKEN,
                        DiagnosisCode.RATE_LIMITED),
                Arguments.of(
                        "fatal: unable to access 'https://bitbucket.org/acme/widget.git/': Could not resolve host:"
                                + " bitbucket.org\n",
                        TOKEN,
                        DiagnosisCode.NETWORK_ERROR),
                Arguments.of(
                        "fatal: unable to access 'https://bitbucket.org/a/b.git/': The requested URL returned error:"
                                + " 500\n",
                        TOKEN,
                        DiagnosisCode.SERVER_ERROR));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("gitOutputs")
    void shouldRecogniseWhatGitPrintsForEachFailure(String stderr, CredentialAssessment sent, DiagnosisCode code) {
        assertThat(Diagnoser.diagnoseGitOutput(stderr, sent))
                .hasValueSatisfying(d -> assertThat(d.code()).isEqualTo(code));
    }

    @Test
    void shouldQuoteOnlyBitbucketsRemoteLinesAndNeverUserInfo() {
        String stderr = "remote: Token is invalid, expired, or not supported for this endpoint.\n"
                + "fatal: Authentication failed for 'https://user:hunter2@bitbucket.org/acme/widget.git/'\n";

        Diagnosis d = Diagnoser.diagnoseGitOutput(stderr, TOKEN).orElseThrow();

        assertThat(d.message())
                .contains("Bitbucket said: \"" + BitbucketCloud.TOKEN_INVALID_TEXT)
                .doesNotContain("hunter2");
    }

    @ParameterizedTest
    @MethodSource("gitConfigurationErrors")
    void shouldRecogniseGitRefusingItsOwnConfigurationBeforeAnyCredentialIsTried(String stderr, String quoted) {
        Diagnosis d = Diagnoser.diagnoseGitOutput(stderr, TOKEN).orElseThrow();

        assertThat(d.code()).isEqualTo(DiagnosisCode.GIT_CONFIGURATION);
        assertThat(d.channel()).isEqualTo(Channel.GIT);
        assertThat(d.message()).contains(quoted).contains("the credential was not tried");
        assertThat(d.action()).contains("GIT_CONFIG_");
    }

    static Stream<Arguments> gitConfigurationErrors() {
        return Stream.of(
                Arguments.of(
                        "hudson.plugins.git.GitException: Command \"git init\" returned status code 128:\n"
                                + "stderr: fatal: missing config value GIT_CONFIG_VALUE_0\n",
                        "missing config value GIT_CONFIG_VALUE_0"),
                Arguments.of("error: bogus format in GIT_CONFIG_PARAMETERS\n", "bogus format in GIT_CONFIG_PARAMETERS"),
                Arguments.of("fatal: bogus count in GIT_CONFIG_COUNT\n", "bogus count in GIT_CONFIG_COUNT"),
                Arguments.of(
                        "fatal: bad config line 3 in file /home/agent/.gitconfig\n",
                        "bad config line 3 in file /home/agent/.gitconfig"),
                Arguments.of("fatal: unable to parse command-line config\n", "unable to parse command-line config"));
    }

    @Test
    void shouldNotInventADiagnosisForAGitSuccessOrForeignOutput() {
        assertThat(Diagnoser.diagnoseGitOutput("Cloning into 'widget'...\ndone.\n", TOKEN))
                .isEmpty();
        assertThat(Diagnoser.diagnoseGitOutput("", TOKEN)).isEmpty();
        assertThat(Diagnoser.diagnoseGitOutput(null, TOKEN)).isEmpty();
    }

    @Property
    void shouldNeverThrowOnAnyAnswer(
            @ForAll @IntRange(min = 100, max = 599) int status, @ForAll String body, @ForAll String header) {
        Optional<Diagnosis> d = Diagnoser.diagnose(
                Channel.REST, status, body, Map.of("Retry-After", List.of(header), "Location", List.of(header)), TOKEN);

        assertThat(d.isPresent()).isEqualTo(status < 200 || status >= 300);
        d.ifPresent(x -> assertThat(x.message().length()).isLessThan(1200));
    }

    @Property
    void shouldNeverThrowOnAnyGitOutput(@ForAll String output) {
        Diagnoser.diagnoseGitOutput(output, TOKEN)
                .ifPresent(d -> assertThat(d.action()).isNotBlank());
    }

    @Property
    void shouldReadTheStatusFromAnyGitErrorLine(@ForAll @IntRange(min = 400, max = 599) int status) {
        String stderr = "fatal: unable to access 'https://bitbucket.org/a/b.git/': The requested URL returned error: "
                + status + "\n";

        assertThat(Diagnoser.diagnoseGitOutput(stderr, TOKEN)).isPresent();
    }
}
