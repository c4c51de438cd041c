package io.jenkins.plugins.bitbucketapitoken.core.audit;

import io.jenkins.plugins.bitbucketapitoken.core.Message;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Describes one item in an audit: what it names and what each name resolves to.
 *
 * @param item the item as read
 * @param references its references, resolved, in the order of {@link ItemRecord#references()}
 */
public record AuditedItem(ItemRecord item, List<ResolvedReference> references) {

    /** Copies the list and checks that no part is missing. */
    public AuditedItem {
        Objects.requireNonNull(item, "item");
        references = List.copyOf(references);
    }

    /** Tells whether any reference resolves to an app password, so that the item's configuration must change. */
    public boolean usesAppPassword() {
        // A loop, not a stream: the report asks this of every item several times.
        for (ResolvedReference reference : references) {
            if (reference.isAppPassword()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Tells whether the item may use an app password: it uses none for certain, but a reference may resolve to
     * one (see {@link ResolvedReference#isPossiblyAppPassword()}).
     */
    public boolean possiblyUsesAppPassword() {
        if (usesAppPassword()) {
            return false;
        }
        for (ResolvedReference reference : references) {
            if (reference.isPossiblyAppPassword()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Says, for a person, why the item may use an app password: each credential it may use, where the item names
     * it, and the credential's evidence.
     *
     * @return one line per such credential, in the order of the references; empty when the item uses an app
     *     password for certain or none at all
     */
    public List<String> possibleAppPasswordEvidence() {
        if (!possiblyUsesAppPassword()) {
            return List.of();
        }
        Map<CredentialRecord, Set<String>> places = new LinkedHashMap<>();
        for (ResolvedReference r : references) {
            if (r.isPossiblyAppPassword()) {
                places.computeIfAbsent(r.credential().orElseThrow(), c -> new LinkedHashSet<>())
                        .add(r.reference().where().id());
            }
        }
        return places.entrySet().stream()
                .map(e -> Message.AUDIT_POSSIBLE_REFERENCE.text(
                        e.getKey().id(),
                        e.getKey().store().id(),
                        String.join(", ", e.getValue()),
                        String.join("; ", e.getKey().evidence())))
                .toList();
    }
}
