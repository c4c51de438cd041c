package io.jenkins.plugins.bitbucketapitoken.core.auth;

import io.jenkins.plugins.bitbucketapitoken.core.BitbucketCloud;
import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.Problem;
import io.jenkins.plugins.bitbucketapitoken.core.Validated;
import io.jenkins.plugins.bitbucketapitoken.core.secret.SecretClassification;
import io.jenkins.plugins.bitbucketapitoken.core.secret.SecretClassifier;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks each field of an API token credential as a person fills it in, the way the Jenkins form and the migration
 * form show it: an empty list means the field is fine.
 *
 * <p>Unlike {@link CredentialAssessment}, which judges whether a stored credential can work, these checks are
 * lenient where a person may know better: an unknown token shape is only a warning (Atlassian may change it).
 */
public final class CredentialFieldChecks {

    private CredentialFieldChecks() {}

    /**
     * Checks the token field.
     *
     * @param token the token as pasted (plain text), or {@code null}
     * @return errors for app passwords, access tokens and damaged tokens; warnings for unknown shapes and pasted
     *     whitespace
     */
    public static List<Problem> checkToken(String token) {
        SecretClassification classification = SecretClassifier.classify(token);
        List<Problem> problems = new ArrayList<>();
        switch (classification.kind()) {
            case ACCESS_TOKEN -> problems.add(Message.ACCESS_TOKEN_NOT_API_TOKEN.problem());
            case UNKNOWN ->
                problems.add(
                        SecretClassifier.withoutWhitespace(token).isEmpty()
                                ? Message.SECRET_EMPTY.problem()
                                : Message.UNKNOWN_SHAPE_MAY_WORK.problem());
            case API_TOKEN, APP_PASSWORD ->
                problems.addAll(classification.problems().stream()
                        .filter(p -> p.code() != Message.SECRET_WHITESPACE)
                        .toList());
        }
        if (classification.strayWhitespace()
                && !SecretClassifier.withoutWhitespace(token).isEmpty()) {
            problems.add(classification.problems().stream()
                    .filter(p -> p.code() == Message.SECRET_WHITESPACE)
                    .findFirst()
                    .orElseThrow());
        }
        return List.copyOf(problems);
    }

    /**
     * Checks the e-mail field; the e-mail is required, because the REST API takes the token only with it.
     *
     * @param email the e-mail, or {@code null}
     * @return an error when missing or not an e-mail address
     */
    public static List<Problem> checkEmail(String email) {
        if (email == null || email.isBlank()) {
            return List.of(Message.EMAIL_REQUIRED.problem());
        }
        return UsernameRules.looksLikeEmail(email.strip())
                ? List.of()
                : List.of(Message.EMAIL_INVALID.problem(email.strip()));
    }

    /**
     * Checks the optional Git username field.
     *
     * @param gitUsername the Git username, or {@code null} or blank for {@code x-bitbucket-api-token-auth}
     * @return a note for the default, errors for an e-mail, {@code x-token-auth} or an impossible name
     */
    public static List<Problem> checkGitUsername(String gitUsername) {
        if (gitUsername == null || gitUsername.isBlank()) {
            return List.of(Message.GIT_USERNAME_DEFAULT.problem());
        }
        String name = gitUsername.strip();
        if (UsernameRules.looksLikeEmail(name) || name.contains("@")) {
            return List.of(Message.GIT_USERNAME_IS_EMAIL.problem(name));
        }
        if (name.equals(BitbucketCloud.ACCESS_TOKEN_GIT_USERNAME)) {
            return List.of(Message.GIT_USERNAME_FOR_ACCESS_TOKENS.problem());
        }
        if (name.chars().anyMatch(c -> Character.isWhitespace(c) || c == ':' || c == '/')) {
            return List.of(Message.GIT_USERNAME_INVALID.problem(name));
        }
        return List.of();
    }

    /**
     * Checks the optional expiry date field.
     *
     * @param expiry the date as {@code YYYY-MM-DD}, or {@code null} or blank
     * @param clock where today comes from
     * @return an error when unreadable or past, a warning within 30 days, a note when empty
     */
    public static List<Problem> checkExpiry(String expiry, Clock clock) {
        Validated<Optional<LocalDate>> parsed = TokenExpiry.parse(expiry);
        if (!parsed.isValid()) {
            return parsed.problems();
        }
        return TokenExpiry.check(parsed.orElseThrow(), clock);
    }
}
