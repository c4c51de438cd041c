package io.jenkins.plugins.bitbucketapitoken.core.monitor;

import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialKind;
import io.jenkins.plugins.bitbucketapitoken.core.audit.StoreRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Remembers what each local credential's secret was classified as, keyed by store, id and a SHA-256 digest of its
 * type and stored (encrypted) form, so that a secret is decrypted and classified once, when it is first needed or
 * after it changed, and never again for every store re-read. A changed secret has another ciphertext and so
 * another digest: its entry is replaced. It keeps no secret and no ciphertext, only digests and kinds. Thread
 * safe.
 */
public final class SecretKindCache {

    private record Key(StoreRef store, String id) {}

    private record Entry(String digest, CredentialKind kind) {}

    private final Map<Key, Entry> entries = new HashMap<>();
    private long classifications;

    /** Creates an empty cache. */
    public SecretKindCache() {}

    /**
     * Returns the kind of a credential's secret, classifying it only when this store and id had no entry yet or
     * had one for another ciphertext.
     *
     * @param store the credential's store
     * @param id the credential's id
     * @param type the credential's class name
     * @param ciphertext the secret as stored, encrypted; never the plain text
     * @param classify decrypts and classifies the secret; called at most once per ciphertext
     * @return the kind
     */
    public CredentialKind kindOf(
            StoreRef store, String id, String type, String ciphertext, Supplier<CredentialKind> classify) {
        Key key = new Key(store, id);
        String digest = digest(type, ciphertext);
        synchronized (this) {
            Entry known = entries.get(key);
            if (known != null && known.digest().equals(digest)) {
                return known.kind();
            }
        }
        CredentialKind kind = classify.get();
        synchronized (this) {
            classifications++;
            entries.put(key, new Entry(digest, kind));
        }
        return kind;
    }

    /**
     * Forgets the entries of a store's credentials that it no longer holds.
     *
     * @param store the store
     * @param ids the ids it holds now
     */
    public synchronized void retain(StoreRef store, Set<String> ids) {
        entries.keySet().removeIf(k -> k.store().equals(store) && !ids.contains(k.id()));
    }

    /**
     * Moves the entries of a folder's store, and of the stores of folders below it, after a rename or a move: the
     * secrets did not change, so they are not classified again.
     *
     * @param oldFullName the folder's full name before
     * @param newFullName the folder's full name after
     */
    public synchronized void rename(String oldFullName, String newFullName) {
        Map<Key, Entry> moved = new HashMap<>();
        for (Iterator<Map.Entry<Key, Entry>> it = entries.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, Entry> e = it.next();
            StoreRef store = e.getKey().store();
            if (isAtOrBelow(store, oldFullName)) {
                it.remove();
                StoreRef target = StoreRef.folder(newFullName + store.name().substring(oldFullName.length()));
                moved.put(new Key(target, e.getKey().id()), e.getValue());
            }
        }
        entries.putAll(moved);
    }

    /**
     * Forgets the entries of a deleted folder's store and of the stores of folders below it.
     *
     * @param fullName the folder's full name
     */
    public synchronized void remove(String fullName) {
        entries.keySet().removeIf(k -> isAtOrBelow(k.store(), fullName));
    }

    /** Returns how many secrets were classified since the cache was created: each a decryption. */
    public synchronized long classifications() {
        return classifications;
    }

    /** Returns how many credentials have an entry. */
    public synchronized int size() {
        return entries.size();
    }

    private static boolean isAtOrBelow(StoreRef store, String fullName) {
        return store.type() == StoreRef.Type.FOLDER
                && (store.name().equals(fullName) || store.name().startsWith(fullName + "/"));
    }

    private static String digest(String type, String ciphertext) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(type.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return java.util.HexFormat.of().formatHex(sha.digest(ciphertext.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
