package io.jenkins.plugins.bitbucketapitoken.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReferenceIndexTest {

    private static final CredentialIndex CREDENTIALS = CredentialIndex.of(List.of(
            new CredentialRecord(
                    "bb",
                    StoreRef.system(),
                    CredentialScope.GLOBAL,
                    "T",
                    Optional.empty(),
                    CredentialKind.APP_PASSWORD),
            new CredentialRecord(
                    "bb",
                    StoreRef.folder("safe"),
                    CredentialScope.GLOBAL,
                    "T",
                    Optional.empty(),
                    CredentialKind.API_TOKEN)));

    private static ItemRecord job(String fullName, String... ids) {
        return new ItemRecord(
                fullName,
                "hudson.model.FreeStyleProject",
                false,
                java.util.Arrays.stream(ids)
                        .map(id -> new CredentialReference(id, ReferenceSource.SCM))
                        .toList(),
                List.of());
    }

    private static ItemRecord folder(String fullName) {
        return new ItemRecord(fullName, "com.cloudbees.hudson.plugins.folder.Folder", false, List.of(), List.of());
    }

    @Test
    void shouldIndexACreatedItemByTheIdsItNames() {
        ReferenceIndex index = new ReferenceIndex();

        index.put(job("build", "bb", "other"));

        assertThat(index.itemsReferencing("bb")).containsExactly("build");
        assertThat(index.itemsReferencing("other")).containsExactly("build");
        assertThat(index.itemsUsingAppPasswords(CREDENTIALS)).containsExactly("build");
    }

    @Test
    void shouldReplaceTheRecordWhenAnItemIsSaved() {
        ReferenceIndex index = new ReferenceIndex();
        index.put(job("build", "bb"));

        index.put(job("build", "token"));

        assertThat(index.itemsReferencing("bb")).isEmpty();
        assertThat(index.itemsReferencing("token")).containsExactly("build");
        assertThat(index.itemsUsingAppPasswords(CREDENTIALS)).isEmpty();
    }

    @Test
    void shouldMoveAFolderWithEveryItemBelowItWhenRenamed() {
        ReferenceIndex index = new ReferenceIndex();
        index.put(folder("team"));
        index.put(job("team/build", "bb"));
        index.put(job("team-other/build", "bb"));

        index.rename("team", "squad");
        index.rename("team/build", "squad/build");

        assertThat(index.items())
                .extracting(ItemRecord::fullName)
                .containsExactly("squad", "squad/build", "team-other/build");
        assertThat(index.itemsReferencing("bb")).containsExactly("squad/build", "team-other/build");
    }

    @Test
    void shouldResolveAgainAfterAMoveIntoAFolderWithItsOwnCredential() {
        ReferenceIndex index = new ReferenceIndex();
        index.put(job("build", "bb"));
        assertThat(index.itemsUsingAppPasswords(CREDENTIALS)).containsExactly("build");

        index.rename("build", "safe/build");

        assertThat(index.itemsUsingAppPasswords(CREDENTIALS)).isEmpty();
        assertThat(index.get("safe/build")).isPresent();
        assertThat(index.get("build")).isEmpty();
    }

    @Test
    void shouldForgetADeletedFolderAndEverythingBelowIt() {
        ReferenceIndex index = new ReferenceIndex();
        index.put(folder("team"));
        index.put(job("team/build", "bb"));
        index.put(job("teammate", "bb"));

        boolean removed = index.remove("team");

        assertThat(removed).isTrue();
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.itemsReferencing("bb")).containsExactly("teammate");
        assertThat(index.remove("team")).isFalse();
    }
}
