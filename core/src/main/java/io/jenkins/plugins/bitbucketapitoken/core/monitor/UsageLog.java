package io.jenkins.plugins.bitbucketapitoken.core.monitor;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the runtime evidence about credentials: when each was last used by a build and when a checkout last failed
 * with it, and how. Thread-safe; nothing here is a secret.
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

    private final Map<String, Evidence> byCredentialId = new ConcurrentHashMap<>();

    /**
     * Records that a build used a credential.
     *
     * @param credentialsId the credential's id
     * @param when when it was used
     */
    public void recordUse(String credentialsId, Instant when) {
        Objects.requireNonNull(when, "when");
        byCredentialId.merge(
                credentialsId,
                new Evidence(Optional.of(when), Optional.empty(), Optional.empty()),
                (old, now) -> new Evidence(latest(old.lastUsed(), when), old.lastFailed(), old.lastFailure()));
    }

    /**
     * Records that a checkout with a credential failed.
     *
     * @param credentialsId the credential's id
     * @param when when it failed
     * @param failure the diagnosis code
     */
    public void recordFailure(String credentialsId, Instant when, String failure) {
        Objects.requireNonNull(when, "when");
        byCredentialId.merge(
                credentialsId,
                new Evidence(Optional.empty(), Optional.of(when), Optional.of(failure)),
                (old, now) -> new Evidence(old.lastUsed(), Optional.of(when), Optional.of(failure)));
    }

    /**
     * Returns the evidence about a credential.
     *
     * @param credentialsId the credential's id
     * @return what is known; {@link Evidence#NONE} when nothing is
     */
    public Evidence evidence(String credentialsId) {
        return byCredentialId.getOrDefault(credentialsId, Evidence.NONE);
    }

    private static Optional<Instant> latest(Optional<Instant> old, Instant now) {
        return Optional.of(old.filter(o -> o.isAfter(now)).orElse(now));
    }
}
