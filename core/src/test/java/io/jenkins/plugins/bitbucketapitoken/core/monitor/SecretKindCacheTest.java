package io.jenkins.plugins.bitbucketapitoken.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialKind;
import io.jenkins.plugins.bitbucketapitoken.core.audit.StoreRef;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class SecretKindCacheTest {

    private static final String UP = "com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl";

    private final SecretKindCache cache = new SecretKindCache();
    private final AtomicInteger decryptions = new AtomicInteger();

    private Supplier<CredentialKind> decrypting(CredentialKind kind) {
        return () -> {
            decryptions.incrementAndGet();
            return kind;
        };
    }

    @Test
    void shouldDecryptEachCiphertextOnceHoweverOftenTheStoreIsRead() {
        StoreRef team = StoreRef.folder("team");

        for (int read = 0; read < 5; read++) {
            assertThat(cache.kindOf(team, "bb", UP, "{AQAAABAAAAAw...}", decrypting(CredentialKind.APP_PASSWORD)))
                    .isEqualTo(CredentialKind.APP_PASSWORD);
        }

        assertThat(decryptions).hasValue(1);
        assertThat(cache.classifications()).isEqualTo(1);
    }

    @Test
    void shouldClassifyAgainWhenTheCredentialChanged() {
        StoreRef system = StoreRef.system();
        cache.kindOf(system, "bb", UP, "{old}", decrypting(CredentialKind.APP_PASSWORD));

        CredentialKind now = cache.kindOf(system, "bb", UP, "{new}", decrypting(CredentialKind.API_TOKEN));

        assertThat(now).isEqualTo(CredentialKind.API_TOKEN);
        assertThat(decryptions).hasValue(2);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void shouldKeepTheSameCiphertextInTwoStoresApart() {
        cache.kindOf(StoreRef.system(), "bb", UP, "{same}", decrypting(CredentialKind.APP_PASSWORD));

        cache.kindOf(StoreRef.folder("team"), "bb", UP, "{same}", decrypting(CredentialKind.APP_PASSWORD));

        assertThat(decryptions).hasValue(2);
    }

    @Test
    void shouldMoveEntriesOnAFolderRenameWithoutDecryptingAgain() {
        cache.kindOf(StoreRef.folder("team/sub"), "bb", UP, "{c}", decrypting(CredentialKind.APP_PASSWORD));

        cache.rename("team", "crew");
        CredentialKind kind =
                cache.kindOf(StoreRef.folder("crew/sub"), "bb", UP, "{c}", decrypting(CredentialKind.OTHER));

        assertThat(kind).isEqualTo(CredentialKind.APP_PASSWORD);
        assertThat(decryptions).hasValue(1);
    }

    @Test
    void shouldForgetCredentialsThatLeftTheirStoreOrWhoseFolderWasDeleted() {
        cache.kindOf(StoreRef.system(), "gone", UP, "{a}", decrypting(CredentialKind.APP_PASSWORD));
        cache.kindOf(StoreRef.system(), "kept", UP, "{b}", decrypting(CredentialKind.APP_PASSWORD));
        cache.kindOf(StoreRef.folder("team/sub"), "bb", UP, "{c}", decrypting(CredentialKind.APP_PASSWORD));
        cache.kindOf(StoreRef.folder("teamwork"), "bb", UP, "{d}", decrypting(CredentialKind.APP_PASSWORD));

        cache.retain(StoreRef.system(), Set.of("kept"));
        cache.remove("team");

        assertThat(cache.size()).isEqualTo(2);
    }
}
