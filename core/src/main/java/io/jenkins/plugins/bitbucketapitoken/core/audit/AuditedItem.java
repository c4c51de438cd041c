package io.jenkins.plugins.bitbucketapitoken.core.audit;

import io.jenkins.plugins.bitbucketapitoken.core.Message;
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

    /**
     * Tells whether the item may use an app password: it uses none for certain, but a reference may resolve to
     * one (see {@link ResolvedReference#isPossiblyAppPassword()}).
     */
    public boolean possiblyUsesAppPassword() {
        return !usesAppPassword() && references.stream().anyMatch(ResolvedReference::isPossiblyAppPassword);
    }

    /**
     * Says, for a person, why the item may use an app password: each reference that may resolve to one, with the
     * evidence of its credential.
     *
     * @return one line per such reference; empty when the item uses an app password for certain or none at all
     */
    public List<String> possibleAppPasswordEvidence() {
        if (!possiblyUsesAppPassword()) {
            return List.of();
        }
        return references.stream()
                .filter(ResolvedReference::isPossiblyAppPassword)
                .map(r -> Message.AUDIT_POSSIBLE_REFERENCE.text(
                        r.reference().credentialsId(),
                        r.reference().where().id()
                                + r.reference().host().map(h -> ", " + h).orElse(""),
                        r.credential().orElseThrow().id(),
                        r.credential().orElseThrow().store().id(),
                        String.join("; ", r.credential().orElseThrow().evidence())))
                .distinct()
                .toList();
    }
}
