package io.jenkins.plugins.bitbucketapitoken.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.eclipse.jgit.transport.PacketLineOut;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Specifies the parsers of untrusted input: error bodies, scope headers, Retry-After and Git advertisements. */
class ParsersTest {

    static final Instant NOW = Instant.parse("2026-08-01T12:00:00Z");

    @Test
    void shouldReadRequiredAndGrantedScopesFromA403Body() {
        BitbucketErrorBody body = BitbucketErrorBody.parse("{\"type\":\"error\",\"error\":{\"message\":\"Your"
                + " credentials lack one or more required privilege scopes.\",\"detail\":{\"required\":"
                + "[\"read:repository:bitbucket\",\"write:repository:bitbucket\"],\"granted\":"
                + "[\"read:repository:bitbucket\",42,\"bad scope\"]}}}");

        assertThat(body.message()).contains("Your credentials lack one or more required privilege scopes.");
        assertThat(body.required()).containsExactly("read:repository:bitbucket", "write:repository:bitbucket");
        assertThat(body.granted()).containsExactly("read:repository:bitbucket");
        assertThat(body.missingScopes()).containsExactly("write:repository:bitbucket");
    }

    @Test
    void shouldReadGitsTextBodiesWithOrWithoutRemotePrefix() {
        BitbucketErrorBody body = BitbucketErrorBody.parse("remote: CHANGE-3222 - Functionality has been deprecated\n"
                + "App passwords are deprecated and must be replaced with API tokens.\n");

        assertThat(body.message())
                .contains("CHANGE-3222 - Functionality has been deprecated App passwords are deprecated and must be"
                        + " replaced with API tokens.");
        assertThat(body.mentions("change-3222")).isTrue();
    }

    @Test
    void shouldFallBackToTextForBrokenJson() {
        BitbucketErrorBody body = BitbucketErrorBody.parse("{\"error\": {\"message\": \"cut sho");

        assertThat(body.message()).contains("{\"error\": {\"message\": \"cut sho");
        assertThat(body.required()).isEmpty();
    }

    @Property
    void shouldNeverThrowAndKeepQuotesShortAndPrintable(@ForAll String body) {
        BitbucketErrorBody parsed = BitbucketErrorBody.parse(body);

        parsed.message().ifPresent(m -> {
            assertThat(m.length()).isLessThanOrEqualTo(300);
            assertThat(m.chars()).noneMatch(Character::isISOControl);
        });
    }

    @Property
    void shouldSurviveAnyJsonShapedBody(@ForAll("jsonish") String body) {
        BitbucketErrorBody parsed = BitbucketErrorBody.parse(body);

        assertThat(parsed.missingScopes()).allMatch(s -> !s.isBlank() && !s.contains(","));
    }

    @Provide
    Arbitrary<String> jsonish() {
        Arbitrary<String> scope = Arbitraries.strings().ofMaxLength(30);
        Arbitrary<String> list = scope.list()
                .ofMaxSize(5)
                .map(l -> "["
                        + String.join(
                                ",",
                                l.stream()
                                        .map(s -> "\"" + s.replace("\"", "") + "\"")
                                        .toList()) + "]");
        return Arbitraries.of("required", "granted", "message", "detail", "error")
                .flatMap(k -> list.map(v -> "{\"error\":{\"message\":" + v + ",\"detail\":{\"" + k + "\":" + v
                        + ",\"granted\":" + v + "}}}"));
    }

    @ParameterizedTest
    @CsvSource({
        "'read:user:bitbucket, read:repository:bitbucket', 2",
        "'repository pullrequest:write', 2",
        "'', 0",
        "' , ,, ', 0"
    })
    void shouldSplitScopeHeadersOnCommasAndSpaces(String header, int count) {
        assertThat(ScopeList.parse(header)).hasSize(count);
    }

    @Property
    void shouldNeverReturnAnEmptyOrSeparatedScope(@ForAll String header) {
        assertThat(ScopeList.parse(header))
                .allMatch(BitbucketErrorBody::isScopeName)
                .doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @CsvSource({
        "120, PT2M",
        "' 0 ', PT0S",
        "'Sat, 01 Aug 2026 12:01:30 GMT', PT1M30S",
        "'Sat, 01 Aug 2026 11:00:00 GMT', PT0S"
    })
    void shouldReadSecondsAndHttpDates(String header, String expected) {
        assertThat(RetryAfter.parse(header, NOW)).contains(Duration.parse(expected));
    }

    @ParameterizedTest
    @CsvSource({"-5", "1.5", "soon", "99999999999999", "''"})
    void shouldIgnoreUnreadableRetryAfter(String header) {
        assertThat(RetryAfter.parse(header, NOW)).isEmpty();
    }

    @Property
    void shouldNeverThrowOrGoNegativeOnAnyRetryAfter(@ForAll String header) {
        Optional<Duration> wait = RetryAfter.parse(header, NOW);

        wait.ifPresent(w -> assertThat(w.isNegative()).isFalse());
    }

    @Property
    void shouldReadEverySecondsValue(@ForAll @LongRange(min = 0, max = 999_999_999) long seconds) {
        assertThat(RetryAfter.parse(Long.toString(seconds), NOW)).contains(Duration.ofSeconds(seconds));
    }

    @Property
    void shouldNeverWaitLongerThanThePolicyAllows(
            @ForAll @IntRange(min = 1, max = 50) int attempt, @ForAll @LongRange(min = 0, max = 100_000) long after) {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(250), Duration.ofSeconds(30));
        Optional<Duration> retryAfter = after % 2 == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(after));

        Optional<Duration> delay = policy.delayAfter(attempt, retryAfter);

        delay.ifPresent(d -> assertThat(d).isBetween(Duration.ZERO, Duration.ofSeconds(30)));
        if (attempt >= 10) {
            assertThat(delay).isEmpty();
        }
    }

    @Test
    void shouldRetryOnlyRateLimitsAndServerErrors() {
        RetryPolicy policy = RetryPolicy.defaults();

        assertThat(List.of(429, 500, 502, 503, 599)).allMatch(policy::isRetryable);
        assertThat(List.of(200, 301, 400, 401, 403, 404, 410, 600)).noneMatch(policy::isRetryable);
    }

    static byte[] advertisement(String service, String... refs) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PacketLineOut out = new PacketLineOut(bytes);
        out.writeString("# service=" + service + "\n");
        out.end();
        for (String ref : refs) {
            out.writeString(ref + "\n");
        }
        out.end();
        return bytes.toByteArray();
    }

    @Test
    void shouldCountTheRefsOfAnAdvertisement() throws IOException {
        String id = "a".repeat(40);
        byte[] body = advertisement(
                "git-upload-pack", id + " HEAD\0side-band-64k", id + " refs/heads/main", id + " refs/tags/v1");

        assertThat(GitAdvertisement.refCount(body, "git-upload-pack")).hasValue(3);
        assertThat(GitAdvertisement.refCount(body, "git-receive-pack")).isEmpty();
    }

    @Test
    void shouldAcceptAnEmptyRepositoryAndACutShortBody() throws IOException {
        byte[] empty = advertisement("git-receive-pack", "0".repeat(40) + " capabilities^{}\0report-status");
        byte[] cut = advertisement("git-upload-pack", "b".repeat(40) + " refs/heads/main");

        assertThat(GitAdvertisement.refCount(empty, "git-receive-pack")).hasValue(0);
        assertThat(GitAdvertisement.refCount(java.util.Arrays.copyOf(cut, cut.length - 6), "git-upload-pack"))
                .isPresent();
    }

    @Test
    void shouldRejectAnHtmlLoginPage() {
        byte[] html = "<html><body>Log in</body></html>".getBytes(StandardCharsets.UTF_8);

        assertThat(GitAdvertisement.refCount(html, "git-upload-pack")).isEqualTo(OptionalInt.empty());
    }

    @Property
    void shouldNeverThrowOnAnyBytes(@ForAll byte[] body) {
        GitAdvertisement.refCount(body, "git-upload-pack");
    }
}
