package io.jenkins.plugins.bitbucketapitoken.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bitbucketapitoken.core.BitbucketApiTokenException;
import io.jenkins.plugins.bitbucketapitoken.core.BitbucketCloud;
import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.auth.Channel;
import io.jenkins.plugins.bitbucketapitoken.core.auth.Credential;
import io.jenkins.plugins.bitbucketapitoken.core.auth.CredentialIdentity;
import io.jenkins.plugins.bitbucketapitoken.core.auth.SecretValue;
import io.jenkins.plugins.bitbucketapitoken.core.repo.BitbucketEndpoints;
import io.jenkins.plugins.bitbucketapitoken.core.repo.RepositoryRef;
import io.jenkins.plugins.bitbucketapitoken.core.repo.RepositoryReferences;
import io.jenkins.plugins.bitbucketapitoken.core.testing.TestSecrets;
import io.jenkins.plugins.bitbucketapitoken.core.testing.fake.FakeBitbucket;
import io.jenkins.plugins.bitbucketapitoken.core.testing.fake.RecordedRequest;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CredentialVerifierTest {

    static final String EMAIL = "jane@example.com";
    static final String USERNAME = "jane-doe";
    static final String TOKEN = TestSecrets.apiToken(101);
    static final String APP_PASSWORD = TestSecrets.appPassword(102);
    static final String ACCESS_TOKEN = TestSecrets.accessToken(103);
    static final String ACCOUNT_PASSWORD = "correct-horse-battery-staple";
    static final Set<String> READ_ALL = Set.of(BitbucketCloud.SCOPE_READ_USER, BitbucketCloud.SCOPE_READ_REPOSITORY);

    static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    FakeBitbucket bitbucket;
    List<Duration> sleeps;
    CredentialVerifier verifier;
    RepositoryRef widget;

    @BeforeEach
    void startBitbucket() {
        bitbucket = FakeBitbucket.start();
        bitbucket.addAccount(EMAIL, USERNAME).addAccount("john@example.com", "john");
        bitbucket.addRepository("acme", "widget");
        sleeps = new ArrayList<>();
        verifier = CredentialVerifier.create(HTTP, bitbucket.endpoints()).withSleeper(sleeps::add);
        widget =
                RepositoryReferences.parse("acme/widget", bitbucket.endpoints()).orElseThrow();
    }

    @AfterEach
    void stopBitbucket() {
        bitbucket.close();
    }

    static Credential credential(String gitUsername, String email, String secret) {
        return new Credential(CredentialIdentity.of(gitUsername, email), SecretValue.of(secret));
    }

    @Test
    void shouldPassBothChannelsWithTwoRestRequestsAndOneAdvertisementPerGitCheck() {
        bitbucket.addApiToken(EMAIL, TOKEN, FakeBitbucket.ALL_SCOPES, Optional.empty());

        VerificationReport report = verifier.verify(credential(null, EMAIL, TOKEN))
                .repository(widget)
                .checkPush(true)
                .call();

        assertThat(report.allOk()).isTrue();
        assertThat(report.diagnoses()).isEmpty();
        RestCheck rest = report.rest().orElseThrow();
        assertThat(rest.account()).contains(USERNAME);
        assertThat(rest.scopes()).containsExactlyInAnyOrderElementsOf(FakeBitbucket.ALL_SCOPES);
        assertThat(rest.status()).hasValue(200);
        GitCheck git = report.git().orElseThrow();
        assertThat(git.status()).hasValue(200);
        assertThat(git.push()).contains(new PushCheck(true, java.util.OptionalInt.of(200)));
        assertThat(bitbucket.requestCount(Channel.REST)).isEqualTo(2);
        assertThat(bitbucket.requestCount(Channel.GIT)).isEqualTo(2);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void shouldSendTheTokenOnlyWithTheRightUsernameToTheConfiguredPaths() {
        bitbucket.addApiToken(EMAIL, TOKEN, FakeBitbucket.ALL_SCOPES, Optional.empty());

        verifier.verify(credential(null, EMAIL, TOKEN)).repository(widget).call();

        List<RecordedRequest> log = bitbucket.requestLog();
        assertThat(log).hasSize(3).allMatch(r -> r.presented(TOKEN)).allMatch(r -> r.scheme()
                .equals("basic"));
        assertThat(log)
                .filteredOn(r -> r.channel() == Channel.REST)
                .extracting(RecordedRequest::path, r -> r.username().orElseThrow())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("/2.0/user", EMAIL),
                        org.assertj.core.groups.Tuple.tuple("/2.0/repositories/acme/widget", EMAIL));
        assertThat(log)
                .filteredOn(r -> r.channel() == Channel.GIT)
                .extracting(RecordedRequest::path, r -> r.username().orElseThrow())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "/acme/widget.git/info/refs?service=git-upload-pack", BitbucketCloud.API_TOKEN_GIT_USERNAME));
        assertThat(log.toString()).doesNotContain(TOKEN);
    }

    @Test
    void shouldCheckOnlyTheRestChannelWhenNoRepositoryIsGiven() {
        bitbucket.addApiToken(EMAIL, TOKEN, READ_ALL, Optional.empty());

        VerificationReport report =
                verifier.verify(credential(null, EMAIL, TOKEN)).call();

        assertThat(report.allOk()).isTrue();
        assertThat(report.git()).isEmpty();
        assertThat(bitbucket.requestCount(Channel.REST)).isEqualTo(1);
    }

    @Test
    void shouldWorkWithoutTheUndocumentedScopeHeaders() {
        bitbucket.scopeHeaders(false).addApiToken(EMAIL, TOKEN, READ_ALL, Optional.empty());

        VerificationReport report = verifier.verify(credential(null, EMAIL, TOKEN))
                .repository(widget)
                .call();

        assertThat(report.allOk()).isTrue();
        assertThat(report.rest().orElseThrow().scopes()).isEmpty();
    }

    @Test
    void shouldUseBearerForRestAndXTokenAuthForGitWithAnAccessToken() {
        bitbucket.addAccessToken(ACCESS_TOKEN, "acme/widget", Set.of("repository", "repository:write"));

        VerificationReport report = verifier.verify(credential(null, null, ACCESS_TOKEN))
                .repository(widget)
                .checkPush(true)
                .call();

        assertThat(report.allOk()).as(report.toString()).isTrue();
        assertThat(bitbucket.requestLog())
                .extracting(RecordedRequest::scheme, r -> r.username().orElse(""))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("bearer", ""),
                        org.assertj.core.groups.Tuple.tuple("basic", BitbucketCloud.ACCESS_TOKEN_GIT_USERNAME),
                        org.assertj.core.groups.Tuple.tuple("basic", BitbucketCloud.ACCESS_TOKEN_GIT_USERNAME));
    }

    record Row(
            String name,
            Consumer<FakeBitbucket> setup,
            Credential credential,
            boolean push,
            Optional<DiagnosisCode> rest,
            Optional<DiagnosisCode> git,
            String mentioned) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Row row(
            String name,
            Consumer<FakeBitbucket> setup,
            Credential credential,
            DiagnosisCode rest,
            DiagnosisCode git,
            String mentioned) {
        return new Row(name, setup, credential, false, Optional.ofNullable(rest), Optional.ofNullable(git), mentioned);
    }

    static Stream<Arguments> failureTable() {
        Consumer<FakeBitbucket> token = b -> b.addApiToken(EMAIL, TOKEN, READ_ALL, Optional.empty());
        return Stream.of(
                        row(
                                "app password after removal",
                                b -> b.addAppPassword(USERNAME, APP_PASSWORD),
                                credential(USERNAME, EMAIL, APP_PASSWORD),
                                DiagnosisCode.APP_PASSWORD_REMOVED,
                                DiagnosisCode.APP_PASSWORD_REMOVED,
                                BitbucketCloud.APP_PASSWORD_DEPRECATED_TEXT),
                        row(
                                "account password",
                                b -> b.addAccountPassword(EMAIL, ACCOUNT_PASSWORD),
                                credential(USERNAME, EMAIL, ACCOUNT_PASSWORD),
                                DiagnosisCode.ACCOUNT_PASSWORD,
                                DiagnosisCode.ACCOUNT_PASSWORD,
                                "2022-03-01"),
                        row(
                                "e-mail as Git username",
                                token,
                                credential(EMAIL, EMAIL, TOKEN),
                                null,
                                DiagnosisCode.EMAIL_AS_GIT_USERNAME,
                                BitbucketCloud.API_TOKEN_GIT_USERNAME),
                        row(
                                "Bitbucket username for REST",
                                token,
                                credential(USERNAME, USERNAME, TOKEN),
                                DiagnosisCode.USERNAME_FOR_REST,
                                null,
                                "e-mail"),
                        row(
                                "expired token",
                                b -> b.addApiToken(
                                        EMAIL, TOKEN, READ_ALL, Optional.of(Instant.parse("2026-01-01T00:00:00Z"))),
                                credential(null, EMAIL, TOKEN),
                                DiagnosisCode.TOKEN_INVALID_OR_EXPIRED,
                                DiagnosisCode.TOKEN_INVALID_OR_EXPIRED,
                                "expired"),
                        row(
                                "unscoped (classic) token",
                                b -> b.addApiToken(EMAIL, TOKEN, Set.of(), Optional.empty()),
                                credential(null, EMAIL, TOKEN),
                                DiagnosisCode.TOKEN_INVALID_OR_EXPIRED,
                                DiagnosisCode.TOKEN_INVALID_OR_EXPIRED,
                                "without scopes"),
                        row(
                                "missing read:repository",
                                b -> b.addApiToken(
                                        EMAIL, TOKEN, Set.of(BitbucketCloud.SCOPE_READ_USER), Optional.empty()),
                                credential(null, EMAIL, TOKEN),
                                DiagnosisCode.MISSING_SCOPE,
                                DiagnosisCode.MISSING_SCOPE,
                                BitbucketCloud.SCOPE_READ_REPOSITORY),
                        row(
                                "missing read:user",
                                b -> b.addApiToken(
                                        EMAIL, TOKEN, Set.of(BitbucketCloud.SCOPE_READ_REPOSITORY), Optional.empty()),
                                credential(null, EMAIL, TOKEN),
                                DiagnosisCode.MISSING_SCOPE,
                                null,
                                BitbucketCloud.SCOPE_READ_USER),
                        row(
                                "another account's username on Git, another e-mail on REST",
                                token,
                                credential("john", "john@example.com", TOKEN),
                                DiagnosisCode.CREDENTIALS_REJECTED,
                                DiagnosisCode.NO_ACCESS,
                                "john"),
                        row(
                                "access token of another repository",
                                b -> b.addAccessToken(ACCESS_TOKEN, "acme/other", Set.of("repository")),
                                credential(null, null, ACCESS_TOKEN),
                                DiagnosisCode.REPOSITORY_NOT_FOUND,
                                DiagnosisCode.REPOSITORY_NOT_FOUND,
                                "404"),
                        row(
                                "rate limited for an hour",
                                b -> {
                                    token.accept(b);
                                    b.rateLimitNext(10, Optional.of(Duration.ofHours(1)));
                                },
                                credential(null, EMAIL, TOKEN),
                                DiagnosisCode.RATE_LIMITED,
                                DiagnosisCode.RATE_LIMITED,
                                "3600 seconds"),
                        row(
                                "server errors that do not go away",
                                b -> {
                                    token.accept(b);
                                    for (int i = 0; i < 6; i++) {
                                        b.failNext(503);
                                    }
                                },
                                credential(null, EMAIL, TOKEN),
                                DiagnosisCode.SERVER_ERROR,
                                DiagnosisCode.SERVER_ERROR,
                                "503"))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failureTable")
    void shouldDiagnoseEveryFailureOfTheFactsOnEachChannel(Row row) {
        row.setup().accept(bitbucket);

        VerificationReport report = verifier.verify(row.credential())
                .repository(widget)
                .checkPush(row.push())
                .call();

        assertThat(report.allOk()).isFalse();
        assertThat(report.rest().orElseThrow().ok()).isEqualTo(row.rest().isEmpty());
        assertThat(report.git().orElseThrow().ok()).isEqualTo(row.git().isEmpty());
        assertThat(report.diagnoses().stream()
                        .filter(d -> d.channel() == Channel.REST)
                        .map(Diagnosis::code)
                        .findFirst())
                .isEqualTo(row.rest());
        assertThat(report.diagnoses().stream()
                        .filter(d -> d.channel() == Channel.GIT)
                        .map(Diagnosis::code)
                        .findFirst())
                .isEqualTo(row.git());
        assertThat(report.diagnoses()).anySatisfy(d -> assertThat(d.describe()).contains(row.mentioned()));
        assertThat(report.toString()).doesNotContain(row.credential().secret().reveal());
        assertThat(report.diagnoses()).allSatisfy(d -> assertThat(d.action()).isNotBlank());
    }

    @Test
    void shouldNameTheMissingWriteScopeWhenOnlyThePushFails() {
        bitbucket.addApiToken(EMAIL, TOKEN, READ_ALL, Optional.empty());

        VerificationReport report = verifier.verify(credential(null, EMAIL, TOKEN))
                .repository(widget)
                .checkPush(true)
                .call();

        GitCheck git = report.git().orElseThrow();
        assertThat(git.ok()).isFalse();
        assertThat(git.status()).hasValue(200);
        assertThat(git.push().orElseThrow().ok()).isFalse();
        assertThat(git.push().orElseThrow().status()).hasValue(403);
        assertThat(report.diagnoses()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo(DiagnosisCode.MISSING_SCOPE);
            assertThat(d.message()).contains(BitbucketCloud.SCOPE_WRITE_REPOSITORY);
            assertThat(d.action()).contains(BitbucketCloud.SCOPE_WRITE_REPOSITORY);
        });
    }

    @Test
    void shouldNameRequiredAndGrantedScopesFromTheRestBody() {
        bitbucket.addApiToken(EMAIL, TOKEN, Set.of(BitbucketCloud.SCOPE_READ_USER), Optional.empty());

        VerificationReport report = verifier.verify(credential(null, EMAIL, TOKEN))
                .repository(widget)
                .channels(EnumSet.of(Channel.REST))
                .call();

        assertThat(report.diagnoses()).singleElement().satisfies(d -> assertThat(d.message())
                .contains("lacks " + BitbucketCloud.SCOPE_READ_REPOSITORY)
                .contains("It has " + BitbucketCloud.SCOPE_READ_USER));
        assertThat(report.rest().orElseThrow().scopes()).contains(BitbucketCloud.SCOPE_READ_USER);
    }

    @Test
    void shouldReportAMissingRepositoryOnBothChannels() {
        bitbucket.addApiToken(EMAIL, TOKEN, READ_ALL, Optional.empty());
        RepositoryRef missing = RepositoryReferences.parse("acme/nothing", bitbucket.endpoints())
                .orElseThrow();

        VerificationReport report = verifier.verify(credential(null, EMAIL, TOKEN))
                .repository(missing)
                .call();

        assertThat(report.diagnoses())
                .extracting(Diagnosis::code, Diagnosis::channel)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(DiagnosisCode.REPOSITORY_NOT_FOUND, Channel.REST),
                        org.assertj.core.groups.Tuple.tuple(DiagnosisCode.REPOSITORY_NOT_FOUND, Channel.GIT));
        assertThat(report.diagnoses().get(0).message()).contains(BitbucketCloud.REPOSITORY_NOT_FOUND_TEXT);
    }

    @Test
    void shouldRetryARateLimitAsRetryAfterSaysWithoutReallySleeping() {
        bitbucket.addApiToken(EMAIL, TOKEN, READ_ALL, Optional.empty());
        bitbucket.rateLimitNext(2, Optional.of(Duration.ofSeconds(7)));

        VerificationReport report =
                verifier.verify(credential(null, EMAIL, TOKEN)).call();

        assertThat(report.allOk()).isTrue();
        assertThat(sleeps).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(7));
        assertThat(bitbucket.requestCount(Channel.REST)).isEqualTo(3);
    }

    @Test
    void shouldBackOffExponentiallyOnServerErrorsAndGiveUpAfterThePolicysAttempts() {
        bitbucket.addApiToken(EMAIL, TOKEN, READ_ALL, Optional.empty());
        for (int i = 0; i < 5; i++) {
            bitbucket.failNext(502);
        }
        CredentialVerifier patient =
                verifier.withRetryPolicy(new RetryPolicy(4, Duration.ofMillis(100), Duration.ofMillis(300)));

        VerificationReport report =
                patient.verify(credential(null, EMAIL, TOKEN)).call();

        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300));
        assertThat(bitbucket.requestCount(Channel.REST)).isEqualTo(4);
        assertThat(report.diagnoses())
                .singleElement()
                .extracting(Diagnosis::code)
                .isEqualTo(DiagnosisCode.SERVER_ERROR);
    }

    @Test
    void shouldNeverRetryAuthenticationFailures() {
        bitbucket.addAppPassword(USERNAME, APP_PASSWORD);

        verifier.verify(credential(USERNAME, EMAIL, APP_PASSWORD))
                .repository(widget)
                .call();

        assertThat(sleeps).isEmpty();
        assertThat(bitbucket.requestLog()).extracting(RecordedRequest::status).containsExactly(401, 410);
    }

    @Test
    void shouldNotSendAnythingOverRestWithoutAnEmail() {
        bitbucket.addApiToken(EMAIL, TOKEN, READ_ALL, Optional.empty());

        VerificationReport report = verifier.verify(credential(null, null, TOKEN))
                .repository(widget)
                .call();

        assertThat(report.rest().orElseThrow().ok()).isFalse();
        assertThat(report.git().orElseThrow().ok()).isTrue();
        assertThat(report.diagnoses()).extracting(Diagnosis::code).containsExactly(DiagnosisCode.EMAIL_MISSING);
        assertThat(bitbucket.requestCount(Channel.REST)).isZero();
    }

    @Test
    void shouldRefuseToSendTheSecretToAHostThatWasNotConfigured() {
        RepositoryRef elsewhere =
                new RepositoryRef("acme", "widget", URI.create("https://evil.example.com/acme/widget.git"));

        assertThatThrownBy(() -> verifier.verify(credential(null, EMAIL, TOKEN))
                        .repository(elsewhere)
                        .call())
                .isInstanceOf(BitbucketApiTokenException.class)
                .satisfies(e -> assertThat(
                                ((BitbucketApiTokenException) e).problem().code())
                        .isEqualTo(Message.UNTRUSTED_DESTINATION))
                .hasMessageContaining("evil.example.com")
                .hasMessageNotContaining(TOKEN);
        assertThat(bitbucket.requestLog()).isEmpty();
    }

    @Test
    void shouldRefuseAClientThatFollowsRedirects() {
        HttpClient following = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();

        assertThatThrownBy(() -> CredentialVerifier.create(following, BitbucketEndpoints.cloud()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("redirects");
    }

    @Test
    void shouldReportAnUnreachableHostAsANetworkError() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        BitbucketEndpoints nowhere = new BitbucketEndpoints(
                URI.create("http://127.0.0.1:" + port + "/2.0"), URI.create("http://127.0.0.1:" + port));
        List<Exchange> exchanges = new ArrayList<>();
        CredentialVerifier unreachable =
                CredentialVerifier.create(HTTP, nowhere).withExchangeListener(exchanges::add);

        VerificationReport report =
                unreachable.verify(credential(null, EMAIL, TOKEN)).call();

        assertThat(report.diagnoses()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo(DiagnosisCode.NETWORK_ERROR);
            assertThat(d.message()).contains("127.0.0.1");
        });
        assertThat(exchanges).singleElement().satisfies(e -> assertThat(e.describe())
                .startsWith("GET http://127.0.0.1:" + port + "/2.0/user -> ")
                .doesNotContain(TOKEN));
    }

    @Test
    void shouldReadTheMainBranchWithOneRequest() {
        bitbucket.addApiToken(EMAIL, TOKEN, READ_ALL, Optional.empty());

        RestResult<String> result = verifier.mainBranch(widget, credential(null, EMAIL, TOKEN));

        assertThat(result.isOk()).isTrue();
        assertThat(result.value()).contains("main");
        assertThat(bitbucket.requestCount(Channel.REST)).isEqualTo(1);
    }

    @Test
    void shouldExplainWhyTheMainBranchCouldNotBeRead() {
        bitbucket.addApiToken(EMAIL, TOKEN, Set.of(BitbucketCloud.SCOPE_READ_USER), Optional.empty());

        RestResult<String> result = verifier.mainBranch(widget, credential(null, EMAIL, TOKEN));

        assertThat(result.value()).isEmpty();
        assertThat(result.status()).hasValue(403);
        assertThat(result.diagnosis().orElseThrow().code()).isEqualTo(DiagnosisCode.MISSING_SCOPE);
    }

    @Test
    void shouldBeCalledOnlyOnce() {
        bitbucket.addApiToken(EMAIL, TOKEN, READ_ALL, Optional.empty());
        VerificationRequest request = verifier.verify(credential(null, EMAIL, TOKEN));
        request.call();

        assertThatThrownBy(request::call).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldRejectAGitCheckWithoutARepository() {
        assertThatThrownBy(() -> verifier.verify(credential(null, EMAIL, TOKEN))
                        .channels(EnumSet.of(Channel.GIT))
                        .call())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> verifier.verify(credential(null, EMAIL, TOKEN))
                        .checkPush(true)
                        .call())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldDiagnoseABearerSentApiTokenAndARemovedEndpointFromTheFakesAnswers() throws Exception {
        bitbucket.addApiToken(EMAIL, TOKEN, READ_ALL, Optional.empty());
        Credential credential = credential(null, EMAIL, TOKEN);
        java.net.http.HttpResponse<String> bearer = HTTP.send(
                java.net.http.HttpRequest.newBuilder(bitbucket.endpoints().api("/user"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        java.net.http.HttpResponse<String> removed = HTTP.send(
                java.net.http.HttpRequest.newBuilder(bitbucket.endpoints().api("/workspaces"))
                        .header("Authorization", CredentialVerifier.basic(EMAIL, credential))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(Diagnoser.diagnose(
                                Channel.REST,
                                bearer.statusCode(),
                                bearer.body(),
                                bearer.headers().map(),
                                DiagnoserTest.bearer(credential.assess()))
                        .map(Diagnosis::code))
                .contains(DiagnosisCode.TOKEN_SENT_AS_BEARER);
        assertThat(Diagnoser.diagnose(
                                Channel.REST,
                                removed.statusCode(),
                                removed.body(),
                                removed.headers().map(),
                                credential.assess())
                        .map(Diagnosis::code))
                .contains(DiagnosisCode.ENDPOINT_REMOVED);
        assertThat(removed.statusCode()).isEqualTo(410);
    }
}
