package io.jenkins.plugins.bitbucketapitoken.core.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.bitbucketapitoken.core.BitbucketCloud;
import io.jenkins.plugins.bitbucketapitoken.core.auth.AuthScheme;
import io.jenkins.plugins.bitbucketapitoken.core.auth.Channel;
import io.jenkins.plugins.bitbucketapitoken.core.auth.ChannelAuthentication;
import io.jenkins.plugins.bitbucketapitoken.core.auth.Credential;
import io.jenkins.plugins.bitbucketapitoken.core.auth.CredentialAssessment;
import io.jenkins.plugins.bitbucketapitoken.core.repo.BitbucketEndpoints;
import io.jenkins.plugins.bitbucketapitoken.core.repo.RepositoryRef;
import io.jenkins.plugins.bitbucketapitoken.core.secret.SecretKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * Checks a credential against Bitbucket Cloud on both channels, the way the plugin's "Test connection", its
 * checkout step and the command line do.
 *
 * <p>A facade in the style of JGit's {@code Git}: {@link #verify(Credential)} creates a one-shot
 * {@link VerificationRequest} with fluent options and {@code call()}. The REST channel asks
 * {@code GET /2.0/user} and, for a repository, {@code GET /2.0/repositories/{workspace}/{slug}}; the Git channel
 * asks for the upload-pack advertisement (what {@code git ls-remote} fetches) and, on request, the receive-pack
 * advertisement (write access, nothing pushed). API tokens go as Basic with the e-mail (REST) and the Git
 * username (Git); access tokens as Bearer (REST) and {@code x-token-auth} (Git).
 *
 * <p>Secrets go only below the configured {@link BitbucketEndpoints}, over https or plain http to loopback;
 * anything else is refused with a {@link io.jenkins.plugins.bitbucketapitoken.core.BitbucketApiTokenException}
 * carrying {@link io.jenkins.plugins.bitbucketapitoken.core.Message#UNTRUSTED_DESTINATION}, before any request is
 * sent. Instances are immutable and thread-safe; the {@code with...} methods return new instances.
 */
public final class CredentialVerifier {

    /** The default time one request may take, from sending to the end of the answer's headers. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http;
    private final BitbucketEndpoints endpoints;
    private final RetryPolicy retryPolicy;
    private final Duration requestTimeout;
    private final Sleeper sleeper;
    private final Clock clock;
    private final Consumer<Exchange> listener;

    private CredentialVerifier(
            HttpClient http,
            BitbucketEndpoints endpoints,
            RetryPolicy retryPolicy,
            Duration requestTimeout,
            Sleeper sleeper,
            Clock clock,
            Consumer<Exchange> listener) {
        this.http = http;
        this.endpoints = endpoints;
        this.retryPolicy = retryPolicy;
        this.requestTimeout = requestTimeout;
        this.sleeper = sleeper;
        this.clock = clock;
        this.listener = listener;
    }

    /**
     * Creates a verifier that talks through the given client to the given endpoints.
     *
     * <p>The client sets the connect timeout and the proxy (the plugin passes Jenkins' proxy-aware client). It
     * must not follow redirects ({@link HttpClient.Redirect#NEVER}): the JDK would repeat the
     * {@code Authorization} header to the redirect's target, a host nobody configured.
     *
     * @param http the HTTP client, with {@code followRedirects(NEVER)}
     * @param endpoints where the credential may be sent
     * @return the verifier, with the default retry policy and request timeout
     * @throws IllegalArgumentException when the client follows redirects
     */
    public static CredentialVerifier create(HttpClient http, BitbucketEndpoints endpoints) {
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(endpoints, "endpoints");
        if (http.followRedirects() != HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException("the HttpClient must not follow redirects (use"
                    + " HttpClient.Redirect.NEVER): the Authorization header would follow them to other hosts");
        }
        return new CredentialVerifier(
                http,
                endpoints,
                RetryPolicy.defaults(),
                DEFAULT_REQUEST_TIMEOUT,
                Sleeper.system(),
                Clock.systemUTC(),
                exchange -> {});
    }

    /**
     * Returns a verifier that retries 429 and 5xx answers as the policy says.
     *
     * @param policy the retry policy; {@link RetryPolicy#none()} never retries
     * @return a new verifier
     */
    public CredentialVerifier withRetryPolicy(RetryPolicy policy) {
        return new CredentialVerifier(
                http, endpoints, Objects.requireNonNull(policy), requestTimeout, sleeper, clock, listener);
    }

    /**
     * Returns a verifier whose requests time out after the given duration.
     *
     * @param timeout positive
     * @return a new verifier
     */
    public CredentialVerifier withRequestTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the request timeout must be positive");
        }
        return new CredentialVerifier(http, endpoints, retryPolicy, timeout, sleeper, clock, listener);
    }

    /**
     * Returns a verifier that waits between retries with the given sleeper (tests record waits instead).
     *
     * @param sleeper how to wait
     * @return a new verifier
     */
    public CredentialVerifier withSleeper(Sleeper sleeper) {
        return new CredentialVerifier(
                http, endpoints, retryPolicy, requestTimeout, Objects.requireNonNull(sleeper), clock, listener);
    }

    /**
     * Returns a verifier that reads the time from the given clock (for {@code Retry-After} dates).
     *
     * @param clock the clock
     * @return a new verifier
     */
    public CredentialVerifier withClock(Clock clock) {
        return new CredentialVerifier(
                http, endpoints, retryPolicy, requestTimeout, sleeper, Objects.requireNonNull(clock), listener);
    }

    /**
     * Returns a verifier that tells the listener about every request, for a verbose log. The listener never
     * sees the secret or any header.
     *
     * @param listener called once per request, on the calling thread
     * @return a new verifier
     */
    public CredentialVerifier withExchangeListener(Consumer<Exchange> listener) {
        return new CredentialVerifier(
                http, endpoints, retryPolicy, requestTimeout, sleeper, clock, Objects.requireNonNull(listener));
    }

    /** Returns where this verifier may send a credential. */
    public BitbucketEndpoints endpoints() {
        return endpoints;
    }

    /**
     * Starts a verification of a credential; set options on the request, then {@code call()} it.
     *
     * @param credential what to check
     * @return the one-shot request
     */
    public VerificationRequest verify(Credential credential) {
        return new VerificationRequest(this, Objects.requireNonNull(credential, "credential"));
    }

    /**
     * Reads a repository's main branch with {@code GET /2.0/repositories/{workspace}/{slug}} (one request).
     *
     * @param repository the repository; its clone URL must be below the configured Git base URL
     * @param credential what to authenticate with on the REST channel
     * @return the branch name (such as {@code main}), or a diagnosis of why it could not be read; the value is
     *     empty without a diagnosis only when Bitbucket names no main branch (an empty repository)
     */
    public RestResult<String> mainBranch(RepositoryRef repository, Credential credential) {
        requireTrustedRepository(repository);
        CredentialAssessment sent = credential.assess();
        Optional<String> authorization = restAuthorization(sent.rest(), credential);
        if (authorization.isEmpty()) {
            return new RestResult<>(
                    Optional.empty(),
                    OptionalInt.empty(),
                    Optional.of(Diagnosis.of(DiagnosisCode.EMAIL_MISSING, Channel.REST)));
        }
        HttpCaller.Outcome outcome = caller().get(
                        Channel.REST,
                        repositoryUri(repository),
                        endpoints.apiUrl(),
                        authorization.get(),
                        jsonHeaders());
        if (outcome.answer().isEmpty()) {
            return new RestResult<>(
                    Optional.empty(), OptionalInt.empty(), Optional.of(networkDiagnosis(Channel.REST, outcome)));
        }
        HttpCaller.Answer answer = outcome.answer().get();
        if (!answer.isSuccess()) {
            return new RestResult<>(
                    Optional.empty(),
                    OptionalInt.of(answer.status()),
                    Optional.of(diagnose(Channel.REST, answer, sent, credential, readRepositoryScopes(sent))));
        }
        Optional<String> branch = json(answer.text())
                .map(node -> node.path("mainbranch").path("name"))
                .filter(JsonNode::isTextual)
                .map(JsonNode::asText)
                .filter(name -> !name.isBlank());
        return new RestResult<>(branch, OptionalInt.of(answer.status()), Optional.empty());
    }

    HttpCaller caller() {
        return new HttpCaller(http, retryPolicy, requestTimeout, sleeper, clock, listener);
    }

    void requireTrustedRepository(RepositoryRef repository) {
        HttpCaller.requireTrusted(repository.cloneUrl(), endpoints.gitUrl());
    }

    URI repositoryUri(RepositoryRef repository) {
        return endpoints.api(BitbucketCloud.REPOSITORY_PATH
                .replace("{workspace}", repository.workspace())
                .replace("{slug}", repository.slug()));
    }

    static Map<String, String> jsonHeaders() {
        return Map.of("Accept", "application/json", "User-Agent", "bitbucket-api-token");
    }

    static List<String> readRepositoryScopes(CredentialAssessment sent) {
        return List.of(
                sent.secret().kind() == SecretKind.ACCESS_TOKEN
                        ? BitbucketCloud.ACCESS_TOKEN_SCOPE_READ_REPOSITORY
                        : BitbucketCloud.SCOPE_READ_REPOSITORY);
    }

    /** Builds the REST {@code Authorization} header; empty when Basic is needed but no username is known. */
    static Optional<String> restAuthorization(ChannelAuthentication rest, Credential credential) {
        if (rest.scheme() == AuthScheme.BEARER) {
            return Optional.of("Bearer " + headerSafe(credential.secret().reveal()));
        }
        return rest.username().map(user -> basic(user, credential));
    }

    static String basic(String username, Credential credential) {
        String pair = username + ":" + credential.secret().reveal();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static String headerSafe(String secret) {
        if (secret.isEmpty() || !secret.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException(
                    "the secret is empty or has characters that cannot travel in an HTTP header");
        }
        return secret;
    }

    static Diagnosis diagnose(
            Channel channel,
            HttpCaller.Answer answer,
            CredentialAssessment sent,
            Credential credential,
            List<String> neededScopes) {
        // Defence in depth: should a server ever echo the secret, it never reaches a message.
        String body = answer.text().replace(credential.secret().reveal(), "****");
        return Diagnoser.diagnose(channel, answer.status(), body, answer.headers(), sent, neededScopes)
                .orElseGet(() -> Diagnosis.of(
                        DiagnosisCode.UNKNOWN_RESPONSE, channel, Diagnoser.label(channel), answer.status()));
    }

    Diagnosis networkDiagnosis(Channel channel, HttpCaller.Outcome outcome) {
        URI base = channel == Channel.GIT ? endpoints.gitUrl() : endpoints.apiUrl();
        return Diagnosis.of(
                DiagnosisCode.NETWORK_ERROR,
                channel,
                base.getHost(),
                Diagnoser.label(channel),
                outcome.failure().orElse("?"));
    }

    static Optional<JsonNode> json(String text) {
        try {
            return Optional.ofNullable(MAPPER.readTree(text));
        } catch (Exception e) { // an unreadable success body only means no details
            return Optional.empty();
        }
    }
}
