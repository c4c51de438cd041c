package io.jenkins.plugins.bitbucketapitoken.core.verify;

import io.jenkins.plugins.bitbucketapitoken.core.BitbucketApiTokenException;
import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.auth.Channel;
import io.jenkins.plugins.bitbucketapitoken.core.repo.Hosts;
import io.jenkins.plugins.bitbucketapitoken.core.repo.RepositoryReferences;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * Sends the verifier's GET requests: only to trusted destinations, with a timeout, retrying 429 and 5xx answers
 * as the {@link RetryPolicy} says. Never logs, and never puts the secret anywhere but the one header.
 */
final class HttpCaller {

    /** The most bytes of a body that are read; an advertisement is only checked at its start. */
    static final int MAX_BODY = 1024 * 1024;

    private final HttpClient http;
    private final RetryPolicy retryPolicy;
    private final Duration requestTimeout;
    private final Sleeper sleeper;
    private final Clock clock;
    private final Consumer<Exchange> listener;

    HttpCaller(
            HttpClient http,
            RetryPolicy retryPolicy,
            Duration requestTimeout,
            Sleeper sleeper,
            Clock clock,
            Consumer<Exchange> listener) {
        this.http = http;
        this.retryPolicy = retryPolicy;
        this.requestTimeout = requestTimeout;
        this.sleeper = sleeper;
        this.clock = clock;
        this.listener = listener;
    }

    /** An answer: status, headers and the start of the body. */
    record Answer(int status, Map<String, List<String>> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        boolean isSuccess() {
            return status >= 200 && status < 300;
        }

        Optional<String> header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream())
                    .findFirst();
        }
    }

    /** An answer, or why none came back. */
    record Outcome(Optional<Answer> answer, Optional<String> failure) {}

    /**
     * Throws unless the target is below the base URL and travels encrypted or stays on this machine.
     *
     * @param target where the secret would go
     * @param base the configured base URL
     */
    static void requireTrusted(URI target, URI base) {
        boolean sameOrigin = target.getScheme() != null
                && target.getScheme().equalsIgnoreCase(base.getScheme())
                && target.getHost() != null
                && target.getHost().equalsIgnoreCase(base.getHost())
                && target.getPort() == base.getPort()
                && target.getRawUserInfo() == null;
        String basePath = base.getRawPath() == null ? "" : base.getRawPath();
        String path = target.getRawPath() == null ? "" : target.getRawPath();
        boolean below = basePath.isEmpty() || path.equals(basePath) || path.startsWith(basePath + "/");
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        boolean safeTransport = scheme.equals("https") || (scheme.equals("http") && Hosts.isLoopback(target.getHost()));
        if (!sameOrigin || !below || !safeTransport) {
            throw new BitbucketApiTokenException(
                    Message.UNTRUSTED_DESTINATION.problem(RepositoryReferences.redact(target.toString()), base));
        }
    }

    Outcome get(Channel channel, URI uri, URI base, String authorization, Map<String, String> headers) {
        requireTrusted(uri, base);
        for (int attempt = 1; ; attempt++) {
            Answer answer;
            try {
                answer = send(uri, authorization, headers);
            } catch (IOException e) {
                String failure = e.getClass().getSimpleName();
                listener.accept(new Exchange(channel, "GET", uri, attempt, OptionalInt.empty(), Optional.of(failure)));
                return new Outcome(Optional.empty(), Optional.of(failure));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(Optional.empty(), Optional.of(Message.DIAGNOSIS_INTERRUPTED.text()));
            }
            listener.accept(
                    new Exchange(channel, "GET", uri, attempt, OptionalInt.of(answer.status()), Optional.empty()));
            if (!retryPolicy.isRetryable(answer.status())) {
                return new Outcome(Optional.of(answer), Optional.empty());
            }
            Optional<Duration> retryAfter =
                    answer.header("Retry-After").flatMap(v -> RetryAfter.parse(v, clock.instant()));
            Optional<Duration> delay = retryPolicy.delayAfter(attempt, retryAfter);
            if (delay.isEmpty()) {
                return new Outcome(Optional.of(answer), Optional.empty());
            }
            try {
                sleeper.sleep(delay.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(Optional.of(answer), Optional.empty());
            }
        }
    }

    private Answer send(URI uri, String authorization, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri).GET().timeout(requestTimeout).header("Authorization", authorization);
        headers.forEach(request::header);
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            byte[] body = in.readNBytes(MAX_BODY);
            return new Answer(response.statusCode(), response.headers().map(), body);
        }
    }
}
