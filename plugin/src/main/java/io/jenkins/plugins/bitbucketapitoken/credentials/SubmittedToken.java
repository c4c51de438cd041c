package io.jenkins.plugins.bitbucketapitoken.credentials;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.domains.Domain;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.model.ModelObject;
import hudson.util.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the token a credential form sends to a check or a test. A typed token is taken as it is. An encrypted value
 * (what the form shows when editing) is decrypted only when it is the stored token of the very credential being
 * edited, in a store of the page's context that the current user may update (a user's own store only for that user):
 * anything else a user might send, such as the ciphertext of another credential copied from some configuration, is
 * never decrypted, checked or sent to Bitbucket.
 *
 * <p>The value must be the raw request parameter: Jenkins registers a Stapler converter that decrypts every
 * {@code {AQAA...}} value bound to a {@code String} parameter, so a method taking the token as a
 * {@code @QueryParameter String} would receive the plain text and this guard would never see a ciphertext.
 */
final class SubmittedToken {

    /** What the token field sent, as this class reads it. */
    sealed interface Read {
        /** A token to check or test: typed, or the edited credential's own stored token. */
        record Usable(Secret token) implements Read {}

        /** An encrypted value that may not be decrypted here. */
        record Refused() implements Read {}

        /** Something shaped like an encrypted value that Jenkins cannot read. */
        record Unreadable() implements Read {}
    }

    private SubmittedToken() {}

    /**
     * Reads the token field of a request.
     *
     * @param context the store's context from the URL (Jenkins, a folder, a user)
     * @param id the id of the credential being edited, or blank when creating one
     * @param raw the token field exactly as the request sent it, not converted by Stapler
     * @return the token to use, or why there is none
     */
    static Read of(@CheckForNull ModelObject context, @CheckForNull String id, @CheckForNull String raw) {
        Secret encrypted;
        try {
            encrypted = Secret.decrypt(raw);
        } catch (RuntimeException malformed) {
            // Secret.decrypt indexes into the payload of a {...} value without checking its length
            return new Read.Unreadable();
        }
        if (encrypted == null) {
            return new Read.Usable(Secret.fromString(Util.fixNull(raw)));
        }
        String edited = Util.fixEmptyAndTrim(id);
        if (context == null || edited == null) {
            return new Read.Refused();
        }
        return stored(context, edited)
                .filter(token -> sameText(token, encrypted))
                .<Read>map(token -> new Read.Usable(encrypted))
                .orElseGet(Read.Refused::new);
    }

    /** Finds the stored token in a store of this very context that the current user may update. */
    private static Optional<Secret> stored(ModelObject context, String id) {
        List<CredentialsStore> editable = new ArrayList<>();
        for (CredentialsStore store : CredentialsProvider.lookupStores(context)) {
            // a user store answers only to its owner
            if (store.getContext() == context && store.hasPermission(CredentialsProvider.UPDATE)) {
                editable.add(store);
            }
        }
        // read as the current user, who may update these stores: a user's store answers to nobody else, SYSTEM included
        for (CredentialsStore store : editable) {
            for (Domain domain : store.getDomains()) {
                for (Credentials c : store.getCredentials(domain)) {
                    if (c instanceof BitbucketApiTokenCredentials token && id.equals(token.getId())) {
                        return Optional.of(token.getToken());
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
