package io.jenkins.plugins.bitbucketapitoken.core.audit;

import java.util.List;
import java.util.Objects;

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
        return references.stream().anyMatch(ResolvedReference::isAppPassword);
    }
}
