package io.jenkins.plugins.bitbucketapitoken.core.monitor;

import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.Problem;
import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialKind;
import io.jenkins.plugins.bitbucketapitoken.core.auth.CredentialFieldChecks;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

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

    /**
     * Fingerprints a credential as a page shows it, so that a replacement posted from that page can tell whether the
     * credential changed or disappeared in between. Made from the id, the type, the username and the stored
     * ciphertext (never the plain secret); a re-encryption of the same secret also counts as a change.
     *
     * @param credentialsId the credential's id
     * @param type the credential's class name
     * @param username its username, if it has one
     * @param ciphertext its stored, encrypted secret, if it has one
     * @return 32 hex digits
     */
    public static String fingerprint(
            String credentialsId, String type, Optional<String> username, Optional<String> ciphertext) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        for (String part : List.of(credentialsId, type, username.orElse(""), ciphertext.orElse(""))) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            sha256.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
            sha256.update(bytes);
        }
        return HexFormat.of().formatHex(sha256.digest(), 0, 16);
    }

    /**
     * Tells whether the credential a replacement was posted for is still the one the page showed.
     *
     * @param posted the fingerprint the page posted
     * @param current the credential's fingerprint now, empty when it no longer exists
     * @param credentialsId the credential's id, for the message
     * @return the refusal when it changed or disappeared; empty when the replacement may go ahead
     */
    public static Optional<Problem> checkUnchanged(String posted, Optional<String> current, String credentialsId) {
        boolean same = posted != null
                && current.isPresent()
                && MessageDigest.isEqual(
                        posted.getBytes(StandardCharsets.UTF_8), current.get().getBytes(StandardCharsets.UTF_8));
        return same ? Optional.empty() : Optional.of(Message.MIGRATION_CHANGED_SINCE_SHOWN.problem(credentialsId));
    }
}
