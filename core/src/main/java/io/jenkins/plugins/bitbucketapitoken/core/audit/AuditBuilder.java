package io.jenkins.plugins.bitbucketapitoken.core.audit;

import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.timeline.DeprecationTimeline;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Builds an {@link AuditReport} from records: resolves every reference, finds who uses each credential and which
 * items use app passwords. Pure: the scanner feeds it from files, the plugin from live stores and items.
 *
 * <p>Not thread-safe; feed it from one thread, or collect first.
 */
public final class AuditBuilder {

    private final String jenkinsHome;
    private final LocalDate asOf;
    private final List<CredentialRecord> credentials = new ArrayList<>();
    private final List<ItemRecord> items = new ArrayList<>();
    private final List<SkippedFile> skipped = new ArrayList<>();
    private boolean secretsReadable;
    private int itemsScanned;

    /**
     * Starts a report.
     *
     * @param jenkinsHome the Jenkins home the records come from, as it should be shown
     * @param asOf the day the report is for; it decides the deprecation phase
     */
    public AuditBuilder(String jenkinsHome, LocalDate asOf) {
        this.jenkinsHome = Objects.requireNonNull(jenkinsHome, "jenkinsHome");
        this.asOf = Objects.requireNonNull(asOf, "asOf");
    }

    /**
     * Says whether stored secrets could be decrypted.
     *
     * @param readable whether they could
     * @return this builder
     */
    public AuditBuilder secretsReadable(boolean readable) {
        this.secretsReadable = readable;
        return this;
    }

    /**
     * Adds credentials of any store.
     *
     * @param records the credentials
     * @return this builder
     */
    public AuditBuilder addCredentials(Collection<CredentialRecord> records) {
        credentials.addAll(records);
        return this;
    }

    /**
     * Adds an item that was read; it counts towards {@link AuditReport#itemsScanned()}.
     *
     * @param item the item
     * @return this builder
     */
    public AuditBuilder addItem(ItemRecord item) {
        items.add(Objects.requireNonNull(item, "item"));
        itemsScanned++;
        return this;
    }

    /**
     * Records something that was not read, or not in full.
     *
     * @param file the path and why
     * @return this builder
     */
    public AuditBuilder addSkipped(SkippedFile file) {
        skipped.add(Objects.requireNonNull(file, "file"));
        return this;
    }

    /**
     * Resolves every reference, weighs how items use each credential whose kind depends on it (see
     * {@link UseDependence}), and builds the report.
     *
     * @return the report
     */
    public AuditReport build() {
        CredentialIndex read = CredentialIndex.of(credentials);
        List<ItemRecord> named = new ArrayList<>(items.size());
        for (ItemRecord item : items) {
            if (!item.references().isEmpty() || !item.bitbucketUrls().isEmpty()) {
                named.add(item);
            }
        }
        // Records are looked up by identity: they all come from one index, and their hash codes cost more.
        // Each loop's body is a method of its own: a loop over every item runs once, and the JVM compiles a method
        // that is called often long before a loop that runs long (the launcher's client compiler included).
        List<List<Optional<CredentialRecord>>> resolutions = new ArrayList<>(named.size());
        Map<CredentialRecord, Uses> uses = new IdentityHashMap<>();
        for (ItemRecord item : named) {
            resolutions.add(resolve(read, item, uses));
        }
        Map<CredentialRecord, CredentialRecord> decided = new IdentityHashMap<>();
        for (CredentialRecord record : read.records()) {
            if (record.useDependence() != UseDependence.NONE) {
                decided.put(record, decide(record, uses.getOrDefault(record, new Uses())));
            }
        }
        // The names of the items that use each credential, in any order and with repeats: sorted once at the end.
        Map<CredentialRecord, List<String>> usedBy = new IdentityHashMap<>();
        List<AuditedItem> audited = new ArrayList<>();
        List<String> usingAppPasswords = new ArrayList<>();
        for (int n = 0; n < named.size(); n++) {
            AuditedItem auditedItem = audit(named.get(n), resolutions.get(n), decided, usedBy);
            audited.add(auditedItem);
            if (auditedItem.usesAppPassword()) {
                usingAppPasswords.add(auditedItem.item().fullName());
            }
        }
        audited.sort(Comparator.comparing(a -> a.item().fullName()));
        List<AuditedCredential> auditedCredentials = read.records().stream()
                .map(c -> decided.getOrDefault(c, c))
                .sorted(Comparator.comparing(CredentialRecord::store).thenComparing(CredentialRecord::id))
                .map(c -> new AuditedCredential(c, sortedDistinct(usedBy.getOrDefault(c, new ArrayList<>()))))
                .toList();
        List<SkippedFile> sortedSkipped = new ArrayList<>(skipped);
        sortedSkipped.sort(Comparator.comparing(SkippedFile::path).thenComparing(SkippedFile::reason));
        return new AuditReport(
                jenkinsHome,
                asOf,
                DeprecationTimeline.phaseOn(asOf),
                secretsReadable,
                itemsScanned,
                auditedCredentials,
                audited,
                usingAppPasswords,
                sortedSkipped);
    }

    /** Resolves an item's references, and adds its uses of credentials whose kind depends on them. */
    private static List<Optional<CredentialRecord>> resolve(
            CredentialIndex read, ItemRecord item, Map<CredentialRecord, Uses> uses) {
        List<Optional<CredentialRecord>> resolved =
                new ArrayList<>(item.references().size());
        for (CredentialReference reference : item.references()) {
            Optional<CredentialRecord> credential = CredentialResolver.resolve(read, item, reference.credentialsId());
            // Only the uses of the few credentials whose kind depends on them are weighed.
            if (credential.isPresent() && credential.get().useDependence() != UseDependence.NONE) {
                uses.computeIfAbsent(credential.get(), k -> new Uses()).add(item, reference);
            }
            resolved.add(credential);
        }
        return resolved;
    }

    /** Audits an item from its resolved credentials, as decided, and records it as a user of each. */
    private static AuditedItem audit(
            ItemRecord item,
            List<Optional<CredentialRecord>> credentialsOfItem,
            Map<CredentialRecord, CredentialRecord> decided,
            Map<CredentialRecord, List<String>> usedBy) {
        List<ResolvedReference> resolved = new ArrayList<>();
        for (int r = 0; r < item.references().size(); r++) {
            Optional<CredentialRecord> credential = credentialsOfItem.get(r).map(c -> decided.getOrDefault(c, c));
            credential.ifPresent(
                    c -> usedBy.computeIfAbsent(c, k -> new ArrayList<>()).add(item.fullName()));
            resolved.add(new ResolvedReference(item.references().get(r), credential));
        }
        return new AuditedItem(item, resolved);
    }

    /** Returns the names sorted, each once: what a TreeSet would hold. Sorts the list it is given, which it owns. */
    private static List<String> sortedDistinct(List<String> names) {
        names.sort(null);
        List<String> distinct = new ArrayList<>(names.size());
        for (String name : names) {
            if (distinct.isEmpty() || !distinct.get(distinct.size() - 1).equals(name)) {
                distinct.add(name);
            }
        }
        return distinct;
    }

    /** Decides the kind of a credential whose kind depends on its uses, and adds the uses to its evidence. */
    private static CredentialRecord decide(CredentialRecord record, Uses uses) {
        Optional<String> cloud = uses.cloudUse.map(use -> Message.EVIDENCE_CLOUD_USE.text(use.item(), use.where()));
        return switch (record.useDependence()) {
            case NONE -> record;
            case CLOUD_USE_CONFIRMS ->
                cloud.isPresent()
                        ? record.decided(CredentialKind.APP_PASSWORD, List.of(cloud.get()))
                        : record.decided(record.kind(), List.of(Message.EVIDENCE_NO_CLOUD_USE.text()));
            case USE_ELSEWHERE_REFUTES -> {
                if (cloud.isEmpty() && uses.onlyElsewhere()) {
                    yield record.decided(
                            CredentialKind.OTHER,
                            List.of(Message.EVIDENCE_ONLY_OTHER_HOSTS.text(String.join(", ", uses.otherHosts))));
                }
                yield record.decided(record.kind(), cloud.map(List::of).orElse(List.of()));
            }
        };
    }

    /**
     * Names one use of a credential with Bitbucket Cloud.
     *
     * @param item the item's full name
     * @param where the Cloud host its reference names, or a Cloud URL of the item
     */
    private record CloudUse(String item, String where) {}

    /** How items use one credential: a use with Bitbucket Cloud, and whether every use is elsewhere. */
    private static final class Uses {
        private Optional<CloudUse> cloudUse = Optional.empty();
        private final TreeSet<String> otherHosts = new TreeSet<>();
        private boolean any;
        private boolean notElsewhere;

        /**
         * Adds one reference: used with Bitbucket Cloud when its host is Cloud's, or when it names no host in an
         * item that talks to Bitbucket Cloud; used elsewhere when its host is another. Of several uses with Cloud,
         * the item first by name is kept, so that the evidence does not depend on the order items were read in.
         */
        void add(ItemRecord item, CredentialReference reference) {
            any = true;
            Optional<CloudUse> use = reference.isUsedWithBitbucketCloud()
                    ? reference.host().map(h -> new CloudUse(item.fullName(), h))
                    : reference.host().isEmpty()
                            ? cloudUrlOf(item).map(u -> new CloudUse(item.fullName(), u))
                            : Optional.empty();
            if (use.isPresent()
                    && (cloudUse.isEmpty()
                            || use.get().item().compareTo(cloudUse.get().item()) < 0)) {
                cloudUse = use;
            }
            if (reference.isUsedWithAnotherHost()) {
                otherHosts.add(reference.host().orElseThrow());
            } else {
                notElsewhere = true;
            }
        }

        private static Optional<String> cloudUrlOf(ItemRecord item) {
            return item.bitbucketUrls().stream()
                    .filter(u -> BitbucketUrls.hostOfTarget(u)
                            .filter(BitbucketUrls::isCloudHost)
                            .isPresent())
                    .findFirst();
        }

        /** Tells whether some item uses the credential and every one does so with a host not Bitbucket Cloud's. */
        boolean onlyElsewhere() {
            return any && !notElsewhere;
        }
    }
}
