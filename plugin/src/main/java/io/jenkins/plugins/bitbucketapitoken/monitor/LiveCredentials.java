package io.jenkins.plugins.bitbucketapitoken.monitor;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import com.cloudbees.hudson.plugins.folder.properties.FolderCredentialsProvider;
import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.common.UsernameCredentials;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.ModelObject;
import hudson.security.ACL;
import io.jenkins.plugins.bitbucketapitoken.PlainSecrets;
import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialKind;
import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialRecord;
import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialScope;
import io.jenkins.plugins.bitbucketapitoken.core.audit.StoreRef;
import io.jenkins.plugins.bitbucketapitoken.core.monitor.Migration;
import io.jenkins.plugins.bitbucketapitoken.core.monitor.SecretKindCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Reads the credentials of the local stores (the system store and folder stores) as core records, one store at a
 * time. Only these stores' secrets are classified; credentials of external providers (vaults) are never listed
 * here, so their secrets are never fetched in bulk. A secret is decrypted only when core's {@link SecretKindCache}
 * has no kind for its store, id and ciphertext yet: re-reading a store whose credentials did not change decrypts
 * nothing.
 */
final class LiveCredentials {

    private LiveCredentials() {}

    /** One credential found in a local store, with where it lives. */
    record Found(CredentialRecord record, CredentialsStore store, Domain domain, Credentials credentials) {

        /** Returns the same credential after its folder was renamed or moved. */
        Found movedTo(StoreRef target) {
            CredentialRecord r = record;
            return new Found(
                    new CredentialRecord(
                            r.id(),
                            target,
                            r.scope(),
                            r.type(),
                            r.username(),
                            r.kind(),
                            r.evidence(),
                            r.useDependence()),
                    store,
                    domain,
                    credentials);
        }
    }

    /**
     * Reads one local store: the system store when the context is Jenkins, else a folder's own store.
     *
     * @param context Jenkins or a folder
     * @param ref the store's name
     * @param kinds the cache of classified secrets
     * @return every credential it holds, in the store's order
     */
    static List<Found> readStore(ModelObject context, StoreRef ref, SecretKindCache kinds) {
        List<Found> into = new ArrayList<>();
        for (CredentialsStore store : CredentialsProvider.lookupStores(context)) {
            if (store.getContext() != context || !isLocal(store.getProvider())) {
                continue;
            }
            try (var ignored = ACL.as2(ACL.SYSTEM2)) {
                for (Domain domain : store.getDomains()) {
                    for (Credentials c : store.getCredentials(domain)) {
                        if (c instanceof IdCredentials id) {
                            into.add(new Found(record(id, ref, kinds), store, domain, c));
                        }
                    }
                }
            }
        }
        return into;
    }

    /** Finds one credential in a local store, classifying only that one, with the index's cache. */
    static Optional<Found> find(Jenkins jenkins, StoreRef ref, String id) {
        return find(jenkins, ref, id, AppPasswordIndex.get().secretKinds());
    }

    /** Finds one credential in a local store, classifying only that one. */
    static Optional<Found> find(Jenkins jenkins, StoreRef ref, String id, SecretKindCache kinds) {
        ModelObject context =
                switch (ref.type()) {
                    case SYSTEM -> jenkins;
                    case FOLDER ->
                        jenkins.getItemByFullName(ref.name()) instanceof AbstractFolder<?> folder ? folder : null;
                    case USER -> null;
                };
        if (context == null) {
            return Optional.empty();
        }
        for (CredentialsStore store : CredentialsProvider.lookupStores(context)) {
            if (store.getContext() != context || !isLocal(store.getProvider())) {
                continue;
            }
            try (var ignored = ACL.as2(ACL.SYSTEM2)) {
                for (Domain domain : store.getDomains()) {
                    for (Credentials c : store.getCredentials(domain)) {
                        if (c instanceof IdCredentials found && found.getId().equals(id)) {
                            return Optional.of(new Found(record(found, ref, kinds), store, domain, c));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isLocal(CredentialsProvider provider) {
        return provider instanceof SystemCredentialsProvider.ProviderImpl
                || provider instanceof FolderCredentialsProvider;
    }

    /**
     * Turns a live credential into core's record, classifying its secret by shape; the secret is decrypted only
     * when the cache has no kind for its current ciphertext.
     */
    static CredentialRecord record(IdCredentials c, StoreRef store, SecretKindCache kinds) {
        CredentialsScope scope = c.getScope();
        Optional<String> username = c instanceof UsernameCredentials u && !u.isUsernameSecret()
                ? Optional.of(u.getUsername())
                : Optional.empty();
        String type = c.getClass().getName();
        CredentialKind kind = ciphertext(c)
                .map(stored -> kinds.kindOf(
                        store, c.getId(), type, stored, () -> CredentialKind.classify(type, PlainSecrets.of(c))))
                .orElseGet(() -> CredentialKind.classify(type, Optional.empty()));
        return new CredentialRecord(
                c.getId(), store, CredentialScope.parse(scope == null ? null : scope.name()), type, username, kind);
    }

    /**
     * Fingerprints a credential as a page shows it (core's {@link Migration#fingerprint}): id, type, username and
     * stored ciphertext, never the plain secret.
     */
    static String fingerprint(Found found) {
        Credentials c = found.credentials();
        Optional<String> username =
                c instanceof UsernameCredentials u ? Optional.of(u.getUsername()) : Optional.empty();
        return Migration.fingerprint(found.record().id(), c.getClass().getName(), username, ciphertext(c));
    }

    /** Returns the stored, encrypted form of the secret {@link PlainSecrets} would decrypt; never the plain text. */
    private static Optional<String> ciphertext(Credentials c) {
        if (c instanceof StandardUsernamePasswordCredentials userPass) {
            return Optional.of(userPass.getPassword().getEncryptedValue());
        }
        if (c instanceof StringCredentials text) {
            return Optional.of(text.getSecret().getEncryptedValue());
        }
        return Optional.empty();
    }
}
