package io.jenkins.plugins.bitbucketapitoken.core.monitor;

import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.Problem;
import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialIndex;
import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialRecord;
import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialReference;
import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialResolver;
import io.jenkins.plugins.bitbucketapitoken.core.audit.ItemRecord;
import io.jenkins.plugins.bitbucketapitoken.core.audit.UseChannel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Tells, before anything is written, what replacing one app-password credential in place with an API token does to
 * every item that uses it: each use by channel, and whether it keeps working, breaks (a REST call with the bound
 * username) or needs a look.
 *
 * @param credential the credential to replace
 * @param uses every use, sorted by item, then by channel
 */
public record ReplacementImpact(CredentialRecord credential, List<Use> uses) {

    /**
     * One use of the credential by one item over one channel.
     *
     * @param item the item's full name
     * @param channel the channel
     * @param fix for a use that breaks, the exact change that keeps it working
     */
    public record Use(String item, UseChannel channel, Optional<String> fix) {

        /** Checks that no part is missing. */
        public Use {
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(fix, "fix");
        }

        /**
         * Says what the replacement does to this use, and what to do about it.
         *
         * @return the outcome: info (keeps working), warning (check it) or error (breaks)
         */
        public Problem outcome() {
            return switch (channel) {
                case GIT -> Message.IMPACT_GIT.problem();
                case BRANCH_SOURCE -> Message.IMPACT_BRANCH_SOURCE.problem();
                case BINDING_REST -> Message.IMPACT_BINDING_REST.problem(fix.orElse(""));
                case UNKNOWN -> Message.IMPACT_UNKNOWN.problem();
            };
        }

        /**
         * Tells whether the use breaks unless its job is changed.
         *
         * @return whether it is unsafe
         */
        public boolean breaks() {
            return channel.safety() == UseChannel.Safety.UNSAFE;
        }
    }

    /** Copies the list and checks that no part is missing. */
    public ReplacementImpact {
        Objects.requireNonNull(credential, "credential");
        uses = List.copyOf(uses);
    }

    /**
     * Finds every use of a credential: the references of the items that resolve to it (same id and same store,
     * as Jenkins resolves them from each item's place).
     *
     * @param credential the credential to replace
     * @param items every item's references
     * @param credentials the credentials of every store
     * @return the impact
     */
    public static ReplacementImpact of(
            CredentialRecord credential, List<ItemRecord> items, CredentialIndex credentials) {
        Set<Use> uses = new LinkedHashSet<>();
        for (ItemRecord item : items) {
            for (CredentialReference reference : item.references()) {
                if (reference.credentialsId().equals(credential.id())
                        && CredentialResolver.resolve(credentials, item, reference.credentialsId())
                                .filter(c -> c.store().equals(credential.store()))
                                .isPresent()) {
                    uses.add(new Use(item.fullName(), reference.channel(), reference.fix()));
                }
            }
        }
        List<Use> sorted = new ArrayList<>(uses);
        sorted.sort(Comparator.comparing(Use::item).thenComparing(Use::channel));
        return new ReplacementImpact(credential, sorted);
    }

    /**
     * Returns the items whose use breaks unless they are changed.
     *
     * @return their full names, each once, sorted
     */
    public List<String> breakingItems() {
        return uses.stream().filter(Use::breaks).map(Use::item).distinct().toList();
    }

    /**
     * Tells whether the replacement needs the administrator's explicit confirmation: some use breaks.
     *
     * @return whether it does
     */
    public boolean needsConfirmation() {
        return !breakingItems().isEmpty();
    }

    /**
     * Checks that a replacement that breaks some use was confirmed.
     *
     * @param confirmed whether the administrator confirmed
     * @return the refusal, or empty when the replacement may go ahead
     */
    public Optional<Problem> refusal(boolean confirmed) {
        if (confirmed || !needsConfirmation()) {
            return Optional.empty();
        }
        return Optional.of(
                Message.MIGRATION_BREAKS_UNCONFIRMED.problem(credential.id(), String.join(", ", breakingItems())));
    }
}
