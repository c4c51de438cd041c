package io.jenkins.plugins.bitbucketapitoken.core.monitor;

import io.jenkins.plugins.bitbucketapitoken.core.audit.StoreRef;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Keeps the runtime evidence about credentials: when each was last used by a build and when a checkout last failed
 * with it, and how. Keyed by store and id, and bounded in entries and id length, so that what a script can make up
 * neither fills memory nor shows on another store's credential. Thread-safe; nothing here is a secret.
 */
public final class UsageLog {

    /**
     * The evidence about one credential.
     *
     * @param lastUsed when a build last used it
     * @param lastFailed when a checkout with it last failed
     * @param lastFailure what that failure was, as a diagnosis code such as {@code APP_PASSWORD_REMOVED}
     */
    public record Evidence(Optional<Instant> lastUsed, Optional<Instant> lastFailed, Optional<String> lastFailure) {

        /** No evidence yet. */
        public static final Evidence NONE = new Evidence(Optional.empty(), Optional.empty(), Optional.empty());

        private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern(
                        "yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
                .withZone(ZoneOffset.UTC);

        /** Returns when the credential was last used, for a person ({@code 2026-11-28 06:40 UTC}), or empty. */
        public Optional<String> describeLastUsed() {
            return lastUsed.map(SHOWN::format);
        }

        /**
         * Returns when and how the last checkout with the credential failed, for a person ({@code 2026-11-28
         * 06:40 UTC: app password removed}), or empty.
         */
        public Optional<String> describeLastFailure() {
            return lastFailed.map(when -> SHOWN.format(when)
                    + lastFailure
                            .map(code -> ": " + code.toLowerCase(Locale.ROOT).replace('_', ' '))
                            .orElse(""));
        }
    }

    /** At most this many credentials are remembered; a use of one more is not recorded. */
    public static final int MAX_ENTRIES = 10_000;

    /** A longer id is never a credential Jenkins stores, and is not recorded. */
    public static final int MAX_ID_LENGTH = 256;

    /** One credential: its store and its id, as two stores may hold the same id. */
    private record Key(StoreRef store, String id) {}

    private final Map<Key, Evidence> byCredential = new ConcurrentHashMap<>();

    /**
     * Records that a build used a credential. The caller records only credentials it resolved to a store: an id a
     * script made up must never fill the log or show as used.
     *
     * @param store the store that holds the credential
     * @param credentialsId the credential's id
     * @param when when it was used
     * @return whether it was recorded (not when the id is too long or the log is full)
     */
    public boolean recordUse(StoreRef store, String credentialsId, Instant when) {
        Objects.requireNonNull(when, "when");
        return record(
                store,
                credentialsId,
                new Evidence(Optional.of(when), Optional.empty(), Optional.empty()),
                old -> new Evidence(latest(old.lastUsed(), when), old.lastFailed(), old.lastFailure()));
    }

    /**
     * Records that a checkout with a credential failed.
     *
     * @param store the store that holds the credential
     * @param credentialsId the credential's id
     * @param when when it failed
     * @param failure the diagnosis code
     * @return whether it was recorded (not when the id is too long or the log is full)
     */
    public boolean recordFailure(StoreRef store, String credentialsId, Instant when, String failure) {
        Objects.requireNonNull(when, "when");
        return record(
                store,
                credentialsId,
                new Evidence(Optional.empty(), Optional.of(when), Optional.of(failure)),
                old -> new Evidence(old.lastUsed(), Optional.of(when), Optional.of(failure)));
    }

    private boolean record(StoreRef store, String credentialsId, Evidence first, UnaryOperator<Evidence> next) {
        Objects.requireNonNull(store, "store");
        if (credentialsId == null || credentialsId.isEmpty() || credentialsId.length() > MAX_ID_LENGTH) {
            return false;
        }
        Key key = new Key(store, credentialsId);
        if (!byCredential.containsKey(key) && byCredential.size() >= MAX_ENTRIES) {
            return false;
        }
        byCredential.merge(key, first, (old, now) -> next.apply(old));
        return true;
    }

    /**
     * Returns the evidence about a credential.
     *
     * @param store the store that holds it
     * @param credentialsId the credential's id
     * @return what is known; {@link Evidence#NONE} when nothing is
     */
    public Evidence evidence(StoreRef store, String credentialsId) {
        return byCredential.getOrDefault(new Key(store, credentialsId), Evidence.NONE);
    }

    /** Returns how many credentials have evidence. */
    public int size() {
        return byCredential.size();
    }

    private static Optional<Instant> latest(Optional<Instant> old, Instant now) {
        return Optional.of(old.filter(o -> o.isAfter(now)).orElse(now));
    }
}
