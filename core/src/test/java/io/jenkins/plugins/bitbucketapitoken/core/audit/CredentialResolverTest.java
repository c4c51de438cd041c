package io.jenkins.plugins.bitbucketapitoken.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CredentialResolverTest {

    private static CredentialRecord record(String id, StoreRef store, CredentialScope scope, CredentialKind kind) {
        return new CredentialRecord(id, store, scope, "T", Optional.empty(), kind);
    }

    private static final CredentialIndex INDEX = CredentialIndex.of(List.of(
            record("bb", StoreRef.system(), CredentialScope.GLOBAL, CredentialKind.APP_PASSWORD),
            record("bb", StoreRef.folder("team"), CredentialScope.GLOBAL, CredentialKind.API_TOKEN),
            record("agents", StoreRef.system(), CredentialScope.SYSTEM, CredentialKind.APP_PASSWORD),
            record("mine", StoreRef.user("jane"), CredentialScope.USER, CredentialKind.APP_PASSWORD)));

    @Test
    void shouldSearchTheNearestFolderFirstThenEnclosingFoldersThenTheSystemStore() {
        assertThat(CredentialResolver.searchOrder("a/b/job", false))
                .containsExactly(StoreRef.folder("a/b"), StoreRef.folder("a"), StoreRef.system());
        assertThat(CredentialResolver.searchOrder("a/mbp", true))
                .containsExactly(StoreRef.folder("a/mbp"), StoreRef.folder("a"), StoreRef.system());
        assertThat(CredentialResolver.searchOrder("job", false)).containsExactly(StoreRef.system());
    }

    @Test
    void shouldLetAFolderCredentialShadowAGlobalOneWithTheSameId() {
        assertThat(CredentialResolver.resolve(INDEX, "team/sub/job", false, "bb"))
                .map(CredentialRecord::store)
                .contains(StoreRef.folder("team"));
        assertThat(CredentialResolver.resolve(INDEX, "other/job", false, "bb"))
                .map(CredentialRecord::store)
                .contains(StoreRef.system());
    }

    @Test
    void shouldHideSystemScopedAndUserCredentialsFromItems() {
        assertThat(CredentialResolver.resolve(INDEX, "job", false, "agents")).isEmpty();
        assertThat(CredentialResolver.resolve(INDEX, "job", false, "mine")).isEmpty();
        assertThat(CredentialResolver.resolve(INDEX, "job", false, "missing")).isEmpty();
    }
}
