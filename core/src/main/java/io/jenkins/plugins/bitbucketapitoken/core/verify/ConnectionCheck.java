package io.jenkins.plugins.bitbucketapitoken.core.verify;

import io.jenkins.plugins.bitbucketapitoken.core.BitbucketApiTokenException;
import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.Problem;
import io.jenkins.plugins.bitbucketapitoken.core.Validated;
import io.jenkins.plugins.bitbucketapitoken.core.auth.Credential;
import io.jenkins.plugins.bitbucketapitoken.core.auth.CredentialFieldChecks;
import io.jenkins.plugins.bitbucketapitoken.core.auth.CredentialIdentity;
import io.jenkins.plugins.bitbucketapitoken.core.auth.SecretValue;
import io.jenkins.plugins.bitbucketapitoken.core.repo.RepositoryRef;
import io.jenkins.plugins.bitbucketapitoken.core.repo.RepositoryReferences;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runs the "Test connection" of an API token credential form: the same field checks as the form first (an app
 * password or a damaged token is never sent anywhere), then the verifier on both channels, and says what it found
 * in the words of {@link ReportText}.
 */
public final class ConnectionCheck {

    /**
     * What the test found.
     *
     * @param ok whether every channel checked works
     * @param report the verification, when the credential was sent
     * @param lines what to show, one line each
     */
    public record Outcome(boolean ok, Optional<VerificationReport> report, List<String> lines) {

        /** Copies the lines. */
        public Outcome {
            lines = List.copyOf(lines);
        }

        private static Outcome refused(List<Problem> problems, Locale locale) {
            return new Outcome(
                    false,
                    Optional.empty(),
                    problems.stream().map(p -> p.describe(locale)).toList());
        }
    }

    private ConnectionCheck() {}

    /**
     * Tests a credential as a person typed it.
     *
     * @param verifier the verifier, with the configured endpoints and HTTP client
     * @param email the account e-mail
     * @param token the token, plain
     * @param gitUsername the Git username, or blank for {@code x-bitbucket-api-token-auth}
     * @param repository a repository to test against, or blank for the REST identity check only
     * @return the outcome; never throws for remote failures or bad input
     */
    public static Outcome run(
            CredentialVerifier verifier, String email, String token, String gitUsername, String repository) {
        return run(verifier, email, token, gitUsername, repository, Locale.ROOT);
    }

    /**
     * Checks a token as {@link #run(CredentialVerifier, String, String, String, String)} does, and writes the outcome
     * in a language.
     *
     * @param verifier the verifier, with the configured endpoints and HTTP client
     * @param email the account e-mail
     * @param token the token, plain
     * @param gitUsername the Git username, or blank for {@code x-bitbucket-api-token-auth}
     * @param repository a repository to test against, or blank for the REST identity check only
     * @param locale the reader's locale
     * @return the outcome; never throws for remote failures or bad input
     */
    public static Outcome run(
            CredentialVerifier verifier,
            String email,
            String token,
            String gitUsername,
            String repository,
            Locale locale) {
        List<Problem> errors = Stream.of(
                        CredentialFieldChecks.checkEmail(email),
                        CredentialFieldChecks.checkToken(token),
                        CredentialFieldChecks.checkGitUsername(gitUsername))
                .flatMap(List::stream)
                .filter(Problem::isError)
                .toList();
        if (!errors.isEmpty()) {
            return Outcome.refused(errors, locale);
        }
        Optional<RepositoryRef> ref = Optional.empty();
        if (repository != null && !repository.isBlank()) {
            Validated<RepositoryRef> parsed = RepositoryReferences.parse(repository, verifier.endpoints());
            if (!parsed.isValid()) {
                return Outcome.refused(parsed.problems(), locale);
            }
            ref = parsed.value();
        }
        Credential credential = new Credential(
                CredentialIdentity.of(gitUsername, email), SecretValue.ofPasted(token == null ? "" : token));
        try {
            VerificationRequest request = verifier.verify(credential);
            ref.ifPresent(request::repository);
            VerificationReport report = request.call();
            List<String> lines = new ArrayList<>(
                    ReportText.lines(report, ref, Message.REPORT_NAME_A_REPOSITORY.text(locale), locale));
            return new Outcome(report.allOk(), Optional.of(report), lines);
        } catch (BitbucketApiTokenException e) {
            return Outcome.refused(List.of(e.problem()), locale);
        }
    }
}
