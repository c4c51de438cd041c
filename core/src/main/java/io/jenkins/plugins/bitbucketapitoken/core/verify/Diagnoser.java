package io.jenkins.plugins.bitbucketapitoken.core.verify;

import io.jenkins.plugins.bitbucketapitoken.core.BitbucketCloud;
import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.auth.AuthScheme;
import io.jenkins.plugins.bitbucketapitoken.core.auth.Channel;
import io.jenkins.plugins.bitbucketapitoken.core.auth.ChannelAuthentication;
import io.jenkins.plugins.bitbucketapitoken.core.auth.CredentialAssessment;
import io.jenkins.plugins.bitbucketapitoken.core.auth.UsernameRules;
import io.jenkins.plugins.bitbucketapitoken.core.repo.RepositoryReferences;
import io.jenkins.plugins.bitbucketapitoken.core.secret.SecretKind;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Explains Bitbucket Cloud's answers: turns a status, a body and what was sent into a {@link Diagnosis} with a
 * cause and an action.
 *
 * <p>Pure functions, usable on an HTTP answer ({@link #diagnose}) and on the output of a failed {@code git}
 * command ({@link #diagnoseGitOutput}). An answer it does not recognise is reported as
 * {@link DiagnosisCode#UNKNOWN_RESPONSE} with its status and Bitbucket's own message, never guessed.
 */
public final class Diagnoser {

    private static final int MARKER_LENGTH = 40;
    private static final int MAX_GIT_OUTPUT = 64 * 1024;
    private static final Pattern GIT_STATUS = Pattern.compile("returned error: (\\d{3})");
    private static final Pattern GIT_NOT_FOUND =
            Pattern.compile("(?i)(repository '[^']*' not found|repository not found)");
    private static final Pattern GIT_NETWORK = Pattern.compile("(?i)(could not resolve (host|proxy)|failed to connect"
            + "|connection (refused|timed out|reset)|operation timed out|ssl certificate problem"
            + "|unable to get local issuer certificate|gnutls_handshake\\(\\) failed)");

    private static final Pattern GIT_CONFIGURATION = Pattern.compile("(?i)\\b(?:fatal|error): ((?:missing config"
            + " (?:key|value) GIT_CONFIG_\\w+|bogus (?:format|count) in GIT_CONFIG_\\w+|bad config (?:line \\d+"
            + "|variable|value)[^\\r\\n]*|unable to parse command-line config|invalid config[^\\r\\n]*)[^\\r\\n]*)");

    private Diagnoser() {}

    /**
     * Explains one HTTP answer of Bitbucket Cloud.
     *
     * @param channel where the answer came from
     * @param status the HTTP status
     * @param body the body as text (JSON or plain), or empty
     * @param headers the response headers (any case)
     * @param sent what the credential sent, from {@link
     *     io.jenkins.plugins.bitbucketapitoken.core.auth.Credential#assess()}
     * @return the diagnosis; empty for a 2xx answer
     */
    public static Optional<Diagnosis> diagnose(
            Channel channel, int status, String body, Map<String, List<String>> headers, CredentialAssessment sent) {
        return diagnose(channel, status, body, headers, sent, List.of());
    }

    /**
     * Explains one HTTP answer of Bitbucket Cloud, knowing which scopes the request needed.
     *
     * @param channel where the answer came from
     * @param status the HTTP status
     * @param body the body as text (JSON or plain), or empty
     * @param headers the response headers (any case)
     * @param sent what the credential sent
     * @param neededScopes the scopes the request needs, named when Bitbucket's answer does not list them
     * @return the diagnosis; empty for a 2xx answer
     */
    public static Optional<Diagnosis> diagnose(
            Channel channel,
            int status,
            String body,
            Map<String, List<String>> headers,
            CredentialAssessment sent,
            List<String> neededScopes) {
        if (status >= 200 && status < 300) {
            return Optional.empty();
        }
        BitbucketErrorBody error = BitbucketErrorBody.parse(body);
        Diagnosis diagnosis = classify(channel, status, error, headers, sent, neededScopes);
        return Optional.of(quoting(diagnosis, error.message()));
    }

    /**
     * Explains the output of a failed {@code git} command (its standard error, or a build log) against Bitbucket.
     *
     * <p>Recognises Bitbucket's {@code remote:} lines ({@code CHANGE-3222}, {@code Token is invalid...}, missing
     * scopes, no access), git's own {@code The requested URL returned error: NNN}, {@code Authentication failed},
     * {@code repository '...' not found}, and network failures.
     *
     * @param gitStderr what git printed, or {@code null}
     * @param sent what the credential sent
     * @return the diagnosis; empty when the output shows no failure this library recognises
     */
    public static Optional<Diagnosis> diagnoseGitOutput(String gitStderr, CredentialAssessment sent) {
        if (gitStderr == null || gitStderr.isBlank()) {
            return Optional.empty();
        }
        String output = gitStderr.length() > MAX_GIT_OUTPUT
                ? gitStderr.substring(gitStderr.length() - MAX_GIT_OUTPUT)
                : gitStderr;
        List<String> remote = new ArrayList<>();
        for (String line : output.split("\\R")) {
            String l = line.strip();
            if (l.startsWith("remote:")) {
                remote.add(l);
            }
        }
        BitbucketErrorBody all = BitbucketErrorBody.parse(output);
        Optional<Integer> status = gitStatus(output, all);
        Matcher configuration = GIT_CONFIGURATION.matcher(output);
        if (configuration.find()) {
            return Optional.of(Diagnosis.of(
                    DiagnosisCode.GIT_CONFIGURATION,
                    Channel.GIT,
                    label(Channel.GIT),
                    RepositoryReferences.redact(configuration.group(1).strip())));
        }
        if (status.isEmpty()) {
            Matcher network = GIT_NETWORK.matcher(output);
            if (network.find()) {
                return Optional.of(Diagnosis.of(
                        DiagnosisCode.NETWORK_ERROR,
                        Channel.GIT,
                        Message.DIAGNOSIS_BITBUCKET.fragment(),
                        label(Channel.GIT),
                        network.group(1)));
            }
            return Optional.empty();
        }
        String remoteText = RepositoryReferences.redact(String.join("\n", remote));
        BitbucketErrorBody said = BitbucketErrorBody.parse(remoteText);
        Diagnosis diagnosis = classify(Channel.GIT, status.get(), all, Map.of(), sent, List.of());
        return Optional.of(quoting(diagnosis, said.message()));
    }

    /**
     * Explains a failed checkout: from git's output when it says why, else with what was tried and what to check.
     *
     * @param output git's output or the build log around it
     * @param repository the repository, {@code workspace/slug}
     * @param credentialId the credential's id, or empty when none was given
     * @param sent what the credential sent, or empty when none was given
     * @param host the Git host the checkout went to
     * @return the diagnosis, never empty
     */
    public static Diagnosis diagnoseCheckout(
            String output,
            String repository,
            Optional<String> credentialId,
            Optional<CredentialAssessment> sent,
            String host) {
        return sent.flatMap(assessment -> diagnoseGitOutput(output, assessment))
                .orElseGet(() -> Diagnosis.of(
                        DiagnosisCode.CHECKOUT_FAILED,
                        Channel.GIT,
                        repository,
                        credentialId.map(id -> "'" + id + "'").orElse("(none)"),
                        sent.map(a -> a.secret()
                                        .kind()
                                        .name()
                                        .toLowerCase(java.util.Locale.ROOT)
                                        .replace('_', ' '))
                                .orElse("no secret"),
                        sent.flatMap(a -> a.git().username()).orElse("(none)"),
                        host));
    }

    private static Optional<Integer> gitStatus(String output, BitbucketErrorBody text) {
        Matcher m = GIT_STATUS.matcher(output);
        if (m.find()) {
            return Optional.of(Integer.parseInt(m.group(1)));
        }
        if (text.mentions(BitbucketCloud.APP_PASSWORD_CHANGE_ID)
                || text.mentions(marker(BitbucketCloud.APP_PASSWORD_DEPRECATED_TEXT))) {
            return Optional.of(410);
        }
        if (text.mentions(marker(BitbucketCloud.MISSING_SCOPE_TEXT))) {
            return Optional.of(403);
        }
        if (text.mentions(marker(BitbucketCloud.TOKEN_INVALID_TEXT))
                || text.mentions(marker(BitbucketCloud.ACCOUNT_PASSWORD_TEXT))
                || text.mentions(marker(BitbucketCloud.GIT_NO_ACCESS_TEXT))
                || text.mentions(BitbucketCloud.AUTHENTICATION_FAILED_TEXT)) {
            return Optional.of(401);
        }
        if (GIT_NOT_FOUND.matcher(output).find() || text.mentions(marker(BitbucketCloud.REPOSITORY_NOT_FOUND_TEXT))) {
            return Optional.of(404);
        }
        if (text.mentions(marker(BitbucketCloud.RATE_LIMIT_TEXT))) {
            return Optional.of(429);
        }
        return Optional.empty();
    }

    private static Diagnosis classify(
            Channel channel,
            int status,
            BitbucketErrorBody error,
            Map<String, List<String>> headers,
            CredentialAssessment sent,
            List<String> neededScopes) {
        Message.Fragment where = label(channel);
        SecretKind kind = sent.secret().kind();
        ChannelAuthentication auth = channel == Channel.GIT ? sent.git() : sent.rest();
        String username = auth.username().orElse(BitbucketCloud.API_TOKEN_GIT_USERNAME);
        if (error.mentions(BitbucketCloud.APP_PASSWORD_CHANGE_ID)
                || error.mentions(marker(BitbucketCloud.APP_PASSWORD_DEPRECATED_TEXT))
                || (status == 410 && channel == Channel.GIT && kind == SecretKind.APP_PASSWORD)) {
            return Diagnosis.of(DiagnosisCode.APP_PASSWORD_REMOVED, channel, where);
        }
        if (error.mentions(BitbucketCloud.REMOVED_ENDPOINT_CHANGE_ID)) {
            return Diagnosis.of(DiagnosisCode.ENDPOINT_REMOVED, channel, where);
        }
        if (error.mentions(marker(BitbucketCloud.ACCOUNT_PASSWORD_TEXT))) {
            return Diagnosis.of(DiagnosisCode.ACCOUNT_PASSWORD, channel, where);
        }
        if (status == 429 || error.mentions(marker(BitbucketCloud.RATE_LIMIT_TEXT))) {
            OptionalLong seconds = RetryAfter.seconds(header(headers, "Retry-After"));
            Message.Fragment when = seconds.isPresent()
                    ? Message.DIAGNOSIS_RETRY_AFTER.fragment(seconds.getAsLong())
                    : Message.DIAGNOSIS_RETRY_LATER.fragment();
            return Diagnosis.of(DiagnosisCode.RATE_LIMITED, channel, where, when);
        }
        if (error.mentions(marker(BitbucketCloud.TOKEN_INVALID_TEXT))) {
            boolean bearerApiToken =
                    channel == Channel.REST && auth.scheme() == AuthScheme.BEARER && kind == SecretKind.API_TOKEN;
            return Diagnosis.of(
                    bearerApiToken ? DiagnosisCode.TOKEN_SENT_AS_BEARER : DiagnosisCode.TOKEN_INVALID_OR_EXPIRED,
                    channel,
                    where);
        }
        if (error.mentions(marker(BitbucketCloud.MISSING_SCOPE_TEXT))
                || (status == 403 && !error.required().isEmpty())) {
            return missingScope(channel, error, headers, neededScopes);
        }
        if (status == 404 || error.mentions(marker(BitbucketCloud.REPOSITORY_NOT_FOUND_TEXT))) {
            return Diagnosis.of(DiagnosisCode.REPOSITORY_NOT_FOUND, channel, where);
        }
        if (status == 401) {
            return unauthorized(channel, error, auth, kind, username);
        }
        if (status == 403) {
            return Diagnosis.of(DiagnosisCode.NO_ACCESS, channel, where, username);
        }
        if (status >= 300 && status < 400) {
            String target = Optional.ofNullable(header(headers, "Location"))
                    .map(Diagnoser::hostOf)
                    .orElse("?");
            return Diagnosis.of(DiagnosisCode.REDIRECTED, channel, where, status, target);
        }
        if (status >= 500 && status < 600) {
            return Diagnosis.of(DiagnosisCode.SERVER_ERROR, channel, where, status);
        }
        return Diagnosis.of(DiagnosisCode.UNKNOWN_RESPONSE, channel, where, status);
    }

    private static Diagnosis unauthorized(
            Channel channel, BitbucketErrorBody error, ChannelAuthentication auth, SecretKind kind, String username) {
        Message.Fragment where = label(channel);
        if (channel == Channel.GIT) {
            if (UsernameRules.looksLikeEmail(username) && kind != SecretKind.ACCESS_TOKEN) {
                return Diagnosis.of(DiagnosisCode.EMAIL_AS_GIT_USERNAME, channel, username);
            }
            if (error.mentions(marker(BitbucketCloud.GIT_NO_ACCESS_TEXT))
                    || error.mentions(BitbucketCloud.AUTHENTICATION_FAILED_TEXT)) {
                return Diagnosis.of(DiagnosisCode.NO_ACCESS, channel, where, username);
            }
            return Diagnosis.of(DiagnosisCode.CREDENTIALS_REJECTED, channel, where, username);
        }
        Optional<String> restUser = auth.username();
        if (auth.scheme() == AuthScheme.BASIC
                && kind != SecretKind.ACCESS_TOKEN
                && restUser.filter(u -> !UsernameRules.looksLikeEmail(u)).isPresent()) {
            return Diagnosis.of(DiagnosisCode.USERNAME_FOR_REST, channel, restUser.get());
        }
        return Diagnosis.of(DiagnosisCode.CREDENTIALS_REJECTED, channel, where, restUser.orElse("(none)"));
    }

    private static Diagnosis missingScope(
            Channel channel, BitbucketErrorBody error, Map<String, List<String>> headers, List<String> neededScopes) {
        List<String> granted = error.granted().isEmpty()
                ? ScopeList.parse(header(headers, BitbucketCloud.SCOPES_HEADER))
                : error.granted();
        List<String> missing = error.missingScopes();
        if (missing.isEmpty()) {
            Set<String> needed = new LinkedHashSet<>(neededScopes);
            needed.removeAll(granted);
            missing = List.copyOf(needed.isEmpty() ? neededScopes : needed);
        }
        Object missingText = missing.isEmpty() ? Message.DIAGNOSIS_SOME_SCOPE.fragment() : Message.listOf(missing);
        Object grantedText =
                granted.isEmpty() ? "" : Message.DIAGNOSIS_SCOPES_GRANTED.fragment(String.join(", ", granted));
        Set<String> wanted = new LinkedHashSet<>(granted);
        wanted.addAll(missing.isEmpty() ? List.of(BitbucketCloud.SCOPE_READ_REPOSITORY) : missing);
        return Diagnosis.of(
                DiagnosisCode.MISSING_SCOPE,
                channel,
                label(channel),
                missingText,
                grantedText,
                String.join(", ", wanted));
    }

    private static Diagnosis quoting(Diagnosis diagnosis, Optional<String> said) {
        return said.filter(s -> !s.isBlank()).map(diagnosis::quoting).orElse(diagnosis);
    }

    /** Names a channel for a person. */
    static Message.Fragment label(Channel channel) {
        return channel == Channel.GIT ? Message.CHANNEL_GIT.fragment() : Message.CHANNEL_REST.fragment();
    }

    private static String marker(String fact) {
        return fact.length() <= MARKER_LENGTH ? fact : fact.substring(0, MARKER_LENGTH);
    }

    private static String header(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null
                    && e.getKey().equalsIgnoreCase(name)
                    && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    private static String hostOf(String location) {
        try {
            URI uri = URI.create(location.strip());
            return uri.getHost() == null ? "?" : uri.getHost().toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "?";
        }
    }
}
