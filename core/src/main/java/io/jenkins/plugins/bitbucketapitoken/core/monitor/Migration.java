package io.jenkins.plugins.bitbucketapitoken.core.monitor;

import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.Problem;
import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialKind;
import io.jenkins.plugins.bitbucketapitoken.core.auth.CredentialFieldChecks;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a request to replace an app-password credential in place with an API token: the old credential must hold
 * an app password, and the new fields must pass the same checks as the credential form. Errors stop the
 * replacement; nothing is half-written.
 */
public final class Migration {

    private Migration() {}

    /**
     * Checks a replacement.
     *
     * @param credentialsId the id that stays
     * @param current what the credential holds now
     * @param email the account e-mail for the new credential
     * @param token the API token, plain
     * @param gitUsername the Git username, or blank for {@code x-bitbucket-api-token-auth}
     * @param expiry the expiry date as {@code YYYY-MM-DD}, or blank
     * @param clock where today comes from
     * @return every problem found; the replacement may go ahead when none is an error
     */
    public static List<Problem> check(
            String credentialsId,
            CredentialKind current,
            String email,
            String token,
            String gitUsername,
            String expiry,
            Clock clock) {
        List<Problem> problems = new ArrayList<>();
        if (current != CredentialKind.APP_PASSWORD) {
            problems.add(Message.MIGRATION_NOT_AN_APP_PASSWORD.problem(credentialsId));
        }
        problems.addAll(CredentialFieldChecks.checkEmail(email));
        problems.addAll(CredentialFieldChecks.checkToken(token));
        problems.addAll(CredentialFieldChecks.checkGitUsername(gitUsername));
        problems.addAll(CredentialFieldChecks.checkExpiry(expiry, clock));
        return List.copyOf(problems);
    }

    /**
     * Tells whether a list of problems allows the replacement.
     *
     * @param problems what {@link #check} found
     * @return whether none is an error
     */
    public static boolean mayProceed(List<Problem> problems) {
        return problems.stream().noneMatch(Problem::isError);
    }
}
