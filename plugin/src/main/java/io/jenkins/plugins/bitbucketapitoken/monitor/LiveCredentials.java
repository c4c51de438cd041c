package io.jenkins.plugins.bitbucketapitoken.monitor;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import com.cloudbees.hudson.plugins.folder.properties.FolderCredentialsProvider;
import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.common.UsernameCredentials;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.Item;
import hudson.model.ModelObject;
import hudson.security.ACL;
import io.jenkins.plugins.bitbucketapitoken.PlainSecrets;
import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialKind;
import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialRecord;
import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialScope;
import io.jenkins.plugins.bitbucketapitoken.core.audit.StoreRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jenkins.model.Jenkins;

/**
 * Reads the credentials of the local stores (the system store and folder stores) as core records. Only these
 * stores' secrets are read, to classify them; credentials of external providers (vaults) are never listed here,
 * so their secrets are never fetched in bulk.
 */
final class LiveCredentials {

    private LiveCredentials() {}

    /** One credential found in a local store, with where it lives. */
    record Found(CredentialRecord record, CredentialsStore store, Domain domain, Credentials credentials) {}

    /** Reads every local store: the system store and the store of every folder. */
    static List<Found> readAll(Jenkins jenkins) {
        List<Found> found = new ArrayList<>();
        readStores(jenkins, StoreRef.system(), found);
        for (Item item : jenkins.allItems(Item.class)) {
            if (item instanceof AbstractFolder<?> folder) {
                readStores(folder, StoreRef.folder(folder.getFullName()), found);
            }
        }
        return found;
    }

    /** Finds one credential in a local store. */
    static Optional<Found> find(Jenkins jenkins, StoreRef store, String id) {
        List<Found> found = new ArrayList<>();
        switch (store.type()) {
            case SYSTEM -> readStores(jenkins, store, found);
            case FOLDER -> {
                if (jenkins.getItemByFullName(store.name()) instanceof AbstractFolder<?> folder) {
                    readStores(folder, store, found);
                }
            }
            case USER -> {
                return Optional.empty();
            }
        }
        return found.stream().filter(f -> f.record().id().equals(id)).findFirst();
    }

    private static void readStores(ModelObject context, StoreRef ref, List<Found> into) {
        for (CredentialsStore store : CredentialsProvider.lookupStores(context)) {
            if (store.getContext() != context || !isLocal(store.getProvider())) {
                continue;
            }
            try (var ignored = ACL.as2(ACL.SYSTEM2)) {
                for (Domain domain : store.getDomains()) {
                    for (Credentials c : store.getCredentials(domain)) {
                        if (c instanceof IdCredentials id) {
                            into.add(new Found(record(id, ref), store, domain, c));
                        }
                    }
                }
            }
        }
    }

    private static boolean isLocal(CredentialsProvider provider) {
        return provider instanceof SystemCredentialsProvider.ProviderImpl
                || provider instanceof FolderCredentialsProvider;
    }

    /** Turns a live credential into core's record, classifying its secret by shape. */
    static CredentialRecord record(IdCredentials c, StoreRef store) {
        CredentialsScope scope = c.getScope();
        Optional<String> username = c instanceof UsernameCredentials u && !u.isUsernameSecret()
                ? Optional.of(u.getUsername())
                : Optional.empty();
        return new CredentialRecord(
                c.getId(),
                store,
                CredentialScope.parse(scope == null ? null : scope.name()),
                c.getClass().getName(),
                username,
                CredentialKind.classify(c.getClass().getName(), PlainSecrets.of(c)));
    }
}
