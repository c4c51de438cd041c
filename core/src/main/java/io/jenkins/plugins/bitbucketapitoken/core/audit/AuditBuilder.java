package io.jenkins.plugins.bitbucketapitoken.core.audit;

import io.jenkins.plugins.bitbucketapitoken.core.timeline.DeprecationTimeline;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
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

    /** Resolves every reference and builds the report. */
    public AuditReport build() {
        CredentialIndex index = CredentialIndex.of(credentials);
        Map<CredentialRecord, TreeSet<String>> usedBy = new HashMap<>();
        List<AuditedItem> audited = new ArrayList<>();
        List<String> usingAppPasswords = new ArrayList<>();
        for (ItemRecord item : items) {
            if (item.references().isEmpty() && item.bitbucketUrls().isEmpty()) {
                continue;
            }
            List<ResolvedReference> resolved = new ArrayList<>();
            for (CredentialReference reference : item.references()) {
                Optional<CredentialRecord> credential =
                        CredentialResolver.resolve(index, item, reference.credentialsId());
                credential.ifPresent(
                        c -> usedBy.computeIfAbsent(c, k -> new TreeSet<>()).add(item.fullName()));
                resolved.add(new ResolvedReference(reference, credential));
            }
            AuditedItem auditedItem = new AuditedItem(item, resolved);
            audited.add(auditedItem);
            if (auditedItem.usesAppPassword()) {
                usingAppPasswords.add(item.fullName());
            }
        }
        audited.sort(Comparator.comparing(a -> a.item().fullName()));
        List<AuditedCredential> auditedCredentials = index.records().stream()
                .sorted(Comparator.comparing(CredentialRecord::store).thenComparing(CredentialRecord::id))
                .map(c -> new AuditedCredential(c, new ArrayList<>(usedBy.getOrDefault(c, new TreeSet<>()))))
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
}
