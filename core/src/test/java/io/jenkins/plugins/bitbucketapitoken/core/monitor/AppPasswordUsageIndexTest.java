package io.jenkins.plugins.bitbucketapitoken.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialIndex;
import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialKind;
import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialRecord;
import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialReference;
import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialScope;
import io.jenkins.plugins.bitbucketapitoken.core.audit.ItemRecord;
import io.jenkins.plugins.bitbucketapitoken.core.audit.ReferenceSource;
import io.jenkins.plugins.bitbucketapitoken.core.audit.StoreRef;
import io.jenkins.plugins.bitbucketapitoken.core.timeline.DeprecationPhase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class AppPasswordUsageIndexTest {

    private static final String JOB = "org.jenkinsci.plugins.workflow.job.WorkflowJob";
    private static final String FOLDER = "com.cloudbees.hudson.plugins.folder.Folder";
    private static final String UP = "com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl";

    private final AppPasswordUsageIndex index = new AppPasswordUsageIndex();
    private final UsageLog usage = new UsageLog();

    private static CredentialRecord credential(StoreRef store, String id, CredentialKind kind) {
        return credential(store, id, kind, CredentialScope.GLOBAL);
    }

    private static CredentialRecord credential(StoreRef store, String id, CredentialKind kind, CredentialScope scope) {
        return new CredentialRecord(id, store, scope, UP, Optional.of("jane-doe"), kind);
    }

    private static ItemRecord item(String fullName, String type, String... ids) {
        return new ItemRecord(
                fullName,
                type,
                false,
                List.of(ids).stream()
                        .map(id -> new CredentialReference(id, ReferenceSource.SCM))
                        .toList(),
                List.of());
    }

    private AppPasswordSummary summary() {
        return index.summary(usage, DeprecationPhase.REMOVED);
    }

    @Test
    void shouldListTheItemsThatResolveToAnAppPasswordHonouringFolderShadowing() {
        index.putStore(StoreRef.system(), List.of(credential(StoreRef.system(), "bb", CredentialKind.APP_PASSWORD)));
        index.putStore(
                StoreRef.folder("team"), List.of(credential(StoreRef.folder("team"), "bb", CredentialKind.API_TOKEN)));
        index.putItem(item("app", JOB, "bb"));
        index.putItem(item("team", FOLDER));
        index.putItem(item("team/app", JOB, "bb"));

        AppPasswordSummary summary = summary();

        assertThat(summary.items()).containsExactly("app");
        assertThat(summary.appPasswordCredentials())
                .extracting(CredentialRecord::id)
                .containsExactly("bb");
    }

    @Test
    void shouldReResolveOnlyTheItemsInsideAFolderWhoseStoreChanged() {
        index.putStore(StoreRef.system(), List.of(credential(StoreRef.system(), "bb", CredentialKind.API_TOKEN)));
        for (int i = 0; i < 50; i++) {
            index.putItem(item("other-" + i + "/job", JOB, "bb"));
        }
        index.putItem(item("team/one", JOB, "bb"));
        index.putItem(item("team/two", JOB, "bb", "unrelated"));
        index.putItem(item("team/three", JOB, "unrelated"));

        int reResolved = index.putStore(
                StoreRef.folder("team"),
                List.of(credential(StoreRef.folder("team"), "bb", CredentialKind.APP_PASSWORD)));

        assertThat(reResolved).isEqualTo(2);
        assertThat(summary().items()).containsExactly("team/one", "team/two");
    }

    @Test
    void shouldReResolveNothingWhenAStoreIsReadAgainUnchanged() {
        List<CredentialRecord> credentials = List.of(credential(StoreRef.system(), "bb", CredentialKind.APP_PASSWORD));
        index.putStore(StoreRef.system(), credentials);
        index.putItem(item("app", JOB, "bb"));

        int reResolved = index.putStore(StoreRef.system(), credentials);

        assertThat(reResolved).isZero();
        assertThat(summary().items()).containsExactly("app");
    }

    @Test
    void shouldMoveItemsAndFolderStoresOnARenameAndIgnoreTheEventsForTheChildren() {
        StoreRef team = StoreRef.folder("team");
        index.putStore(team, List.of(credential(team, "bb", CredentialKind.APP_PASSWORD)));
        index.putItem(item("team", FOLDER));
        index.putItem(item("team/sub", FOLDER));
        index.putItem(item("team/sub/app", JOB, "bb"));
        index.putItem(item("teamwork/app", JOB, "bb"));

        index.rename("team", "crew");
        index.rename("team/sub", "crew/sub");
        index.rename("team/sub/app", "crew/sub/app");

        assertThat(summary().items()).containsExactly("crew/sub/app");
        assertThat(summary().appPasswordCredentials())
                .extracting(c -> c.store().id())
                .containsExactly("folder:crew");
        assertThat(index.items())
                .extracting(ItemRecord::fullName)
                .containsExactly("crew", "crew/sub", "crew/sub/app", "teamwork/app");
    }

    @Test
    void shouldDropItemsAndFolderStoresAtOrBelowADeletedFolder() {
        StoreRef team = StoreRef.folder("team");
        index.putStore(team, List.of(credential(team, "bb", CredentialKind.APP_PASSWORD)));
        index.putItem(item("team/app", JOB, "bb"));
        index.putItem(item("teamwork", JOB, "bb"));

        index.remove("team");

        assertThat(summary().isActive()).isFalse();
        assertThat(index.items()).extracting(ItemRecord::fullName).containsExactly("teamwork");
        assertThat(index.credential(team, "bb")).isEmpty();
    }

    @Test
    void shouldTellTheImpactOfAReplacementFromTheItemsThatNameTheIdOnly() {
        StoreRef team = StoreRef.folder("team");
        index.putStore(StoreRef.system(), List.of(credential(StoreRef.system(), "bb", CredentialKind.APP_PASSWORD)));
        index.putStore(team, List.of(credential(team, "bb", CredentialKind.APP_PASSWORD)));
        index.putItem(item("app", JOB, "bb"));
        index.putItem(item("team/app", JOB, "bb"));

        Optional<ReplacementImpact> impact = index.impactOf(StoreRef.system(), "bb");

        assertThat(impact).hasValueSatisfying(i -> assertThat(i.uses())
                .extracting(ReplacementImpact.Use::item)
                .containsExactly("app"));
        assertThat(index.impactOf(StoreRef.system(), "missing")).isEmpty();
    }

    /** Applies random changes to the index and to a plain model, and compares with the full recomputation. */
    @Property(tries = 200)
    void shouldAlwaysAgreeWithTheSummaryComputedFromEverything(@ForAll long seed) {
        Random random = new Random(seed);
        AppPasswordUsageIndex live = new AppPasswordUsageIndex();
        Map<String, ItemRecord> items = new TreeMap<>();
        Map<StoreRef, List<CredentialRecord>> stores = new HashMap<>();
        String[] tops = {"a", "b", "z"};
        String[] ids = {"bb", "tok", "x"};
        for (int step = 0; step < 40; step++) {
            String top = tops[random.nextInt(tops.length)];
            String[] paths = {top, top + "/sub", top + "/job", top + "/sub/job", "job-" + top};
            switch (random.nextInt(4)) {
                case 0 -> {
                    String path = paths[random.nextInt(paths.length)];
                    String type = path.endsWith("job") || path.startsWith("job-") ? JOB : FOLDER;
                    List<String> names = new ArrayList<>();
                    for (String id : ids) {
                        if (random.nextBoolean()) {
                            names.add(id);
                        }
                    }
                    ItemRecord record = item(path, type, names.toArray(String[]::new));
                    live.putItem(record);
                    items.put(path, record);
                }
                case 1 -> {
                    int which = random.nextInt(3);
                    StoreRef store = which == 0 ? StoreRef.system() : StoreRef.folder(which == 1 ? top : top + "/sub");
                    List<CredentialRecord> credentials = new ArrayList<>();
                    for (String id : ids) {
                        if (random.nextBoolean()) {
                            credentials.add(credential(
                                    store,
                                    id,
                                    CredentialKind.values()[random.nextInt(CredentialKind.values().length)],
                                    random.nextInt(4) == 0 ? CredentialScope.SYSTEM : CredentialScope.GLOBAL));
                        }
                    }
                    live.putStore(store, credentials);
                    stores.put(store, credentials);
                }
                case 2 -> {
                    String target = tops[random.nextInt(tops.length)];
                    if (items.keySet().stream().noneMatch(n -> n.equals(target) || n.startsWith(target + "/"))
                            && stores.keySet().stream().noneMatch(s -> s.name().startsWith(target))) {
                        live.rename(top, target);
                        renameInModel(items, stores, top, target);
                    }
                }
                default -> {
                    String path = paths[random.nextInt(paths.length)];
                    live.remove(path);
                    items.keySet().removeIf(n -> n.equals(path) || n.startsWith(path + "/"));
                    stores.keySet()
                            .removeIf(s -> s.type() == StoreRef.Type.FOLDER
                                    && (s.name().equals(path) || s.name().startsWith(path + "/")));
                }
            }
            AppPasswordSummary expected = AppPasswordSummary.of(
                    List.copyOf(items.values()),
                    CredentialIndex.of(
                            stores.values().stream().flatMap(List::stream).toList()),
                    usage,
                    DeprecationPhase.BROWNOUT);

            assertThat(live.summary(usage, DeprecationPhase.BROWNOUT)).isEqualTo(expected);
        }
    }

    private static void renameInModel(
            Map<String, ItemRecord> items, Map<StoreRef, List<CredentialRecord>> stores, String from, String to) {
        for (String name : List.copyOf(items.keySet())) {
            if (name.equals(from) || name.startsWith(from + "/")) {
                ItemRecord record = items.remove(name);
                String renamed = to + name.substring(from.length());
                items.put(renamed, record.withFullName(renamed));
            }
        }
        for (StoreRef store : List.copyOf(stores.keySet())) {
            if (store.type() == StoreRef.Type.FOLDER
                    && (store.name().equals(from) || store.name().startsWith(from + "/"))) {
                StoreRef target = StoreRef.folder(to + store.name().substring(from.length()));
                stores.put(
                        target,
                        stores.remove(store).stream()
                                .map(c -> new CredentialRecord(
                                        c.id(), target, c.scope(), c.type(), c.username(), c.kind()))
                                .toList());
            }
        }
    }
}
