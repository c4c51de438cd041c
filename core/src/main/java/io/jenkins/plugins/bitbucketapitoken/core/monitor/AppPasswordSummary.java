package io.jenkins.plugins.bitbucketapitoken.core.monitor;

import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.Problem;
import io.jenkins.plugins.bitbucketapitoken.core.Severity;
import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialIndex;
import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialKind;
import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialRecord;
import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialReference;
import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialResolver;
import io.jenkins.plugins.bitbucketapitoken.core.audit.ItemRecord;
import io.jenkins.plugins.bitbucketapitoken.core.timeline.DeprecationPhase;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Sums up, for the administrative monitor, which items and credentials still use app passwords, how urgent that
 * is in the current phase, and what the monitor says. Computed from the index, never by rescanning.
 *
 * @param phase the deprecation phase on the day of the summary
 * @param rows one row per item and app-password credential it uses, sorted by item then credential
 * @param appPasswordCredentials every app-password credential in a local store, used or not
 */
public record AppPasswordSummary(
        DeprecationPhase phase, List<Row> rows, List<CredentialRecord> appPasswordCredentials) {

    /**
     * One item using one app-password credential.
     *
     * @param item the item's full name
     * @param credential the credential it resolves to
     * @param evidence the runtime evidence about that credential
     */
    public record Row(String item, CredentialRecord credential, UsageLog.Evidence evidence) {}

    private static final Comparator<Row> ROW_ORDER =
            Comparator.comparing(Row::item).thenComparing(r -> r.credential().id());

    /** Copies the lists; the rows sorted by item, then credential. */
    public AppPasswordSummary {
        rows = rows.stream().sorted(ROW_ORDER).toList();
        appPasswordCredentials = List.copyOf(appPasswordCredentials);
    }

    /**
     * Builds the summary.
     *
     * @param items the indexed items
     * @param credentials the credentials of the local stores
     * @param usage the runtime evidence
     * @param phase the phase today
     * @return the summary
     */
    public static AppPasswordSummary of(
            List<ItemRecord> items, CredentialIndex credentials, UsageLog usage, DeprecationPhase phase) {
        List<Row> rows = new ArrayList<>();
        for (ItemRecord item : items) {
            Set<CredentialRecord> seen = new LinkedHashSet<>();
            for (CredentialReference reference : item.references()) {
                CredentialResolver.resolve(credentials, item, reference.credentialsId())
                        .filter(c -> c.kind() == CredentialKind.APP_PASSWORD)
                        .filter(seen::add)
                        .ifPresent(c -> rows.add(new Row(item.fullName(), c, usage.evidence(c.store(), c.id()))));
            }
        }
        List<CredentialRecord> appPasswords = credentials.records().stream()
                .filter(c -> c.kind() == CredentialKind.APP_PASSWORD)
                .sorted(Comparator.comparing((CredentialRecord c) -> c.store().id())
                        .thenComparing(CredentialRecord::id))
                .toList();
        return new AppPasswordSummary(phase, rows, appPasswords);
    }

    /** Tells whether the monitor should show: some item or credential still uses an app password. */
    public boolean isActive() {
        return !rows.isEmpty() || !appPasswordCredentials.isEmpty();
    }

    /** Returns the full names of the items that must change, sorted, each once. */
    public List<String> items() {
        List<String> items = new ArrayList<>();
        for (Row row : rows) { // sorted by item: an item's rows are next to each other
            if (items.isEmpty() || !items.get(items.size() - 1).equals(row.item())) {
                items.add(row.item());
            }
        }
        return List.copyOf(items);
    }

    /** Returns how urgent this is: an error once brownouts begin. */
    public Severity severity() {
        return headline().severity();
    }

    /** Returns what the monitor says: the counts, the phase and what to do. */
    public Problem headline() {
        Message message =
                switch (phase) {
                    case REMOVED -> Message.MONITOR_APP_PASSWORDS_REMOVED;
                    case BROWNOUT -> Message.MONITOR_APP_PASSWORDS_BROWNOUT;
                    case ACTIVE, CREATION_DISABLED -> Message.MONITOR_APP_PASSWORDS_DEPRECATED;
                };
        return message.problem(items().size(), appPasswordCredentials.size());
    }

    /**
     * Returns the key under which a dismissal of the monitor is remembered: it names the phase, so a dismissed
     * warning comes back when the phase escalates.
     *
     * @param monitorId the monitor's id
     * @param phase the phase today
     * @return the key
     */
    public static String dismissalKey(String monitorId, DeprecationPhase phase) {
        return monitorId + "@" + phase.name();
    }
}
