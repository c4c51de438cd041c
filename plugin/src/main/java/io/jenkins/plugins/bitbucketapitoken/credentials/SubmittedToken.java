package io.jenkins.plugins.bitbucketapitoken.credentials;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.domains.Domain;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.model.ModelObject;
import hudson.security.ACL;
import hudson.util.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Reads the token a credential form sends to a check or a test. A typed token is taken as it is. An encrypted value
 * (what the form shows when editing) is decrypted only when it is the stored token of the very credential being
 * edited, in the store of the page: anything else a user might send, such as the ciphertext of another credential
 * copied from some configuration, is never decrypted, checked or sent to Bitbucket.
 */
final class SubmittedToken {

    private SubmittedToken() {}

    /**
     * Returns the plain token to check or test.
     *
     * @param context the store's context from the URL (Jenkins, a folder, a user)
     * @param id the id of the credential being edited, or blank when creating one
     * @param value what the token field sent
     * @return the token; empty when it is an encrypted value that may not be decrypted here
     */
    static Optional<Secret> of(@CheckForNull ModelObject context, @CheckForNull String id, @CheckForNull String value) {
        Secret encrypted = Secret.decrypt(value);
        if (encrypted == null) {
            return Optional.of(Secret.fromString(Util.fixNull(value)));
        }
        String edited = Util.fixEmptyAndTrim(id);
        if (context == null || edited == null) {
            return Optional.empty();
        }
        return stored(context, edited)
                .filter(token -> sameText(token, encrypted))
                .map(token -> encrypted);
    }

    private static Optional<Secret> stored(ModelObject context, String id) {
        try (var ignored = ACL.as2(ACL.SYSTEM2)) {
            for (CredentialsStore store : CredentialsProvider.lookupStores(context)) {
                if (store.getContext() != context) {
                    continue;
                }
                for (Domain domain : store.getDomains()) {
                    for (Credentials c : store.getCredentials(domain)) {
                        if (c instanceof BitbucketApiTokenCredentials token && id.equals(token.getId())) {
                            return Optional.of(token.getToken());
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean sameText(Secret a, Secret b) {
        return MessageDigest.isEqual(
                a.getPlainText().getBytes(StandardCharsets.UTF_8),
                b.getPlainText().getBytes(StandardCharsets.UTF_8));
    }
}
