package io.jenkins.plugins.bitbucketapitoken.core.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.Problem;
import io.jenkins.plugins.bitbucketapitoken.core.repo.BitbucketEndpoints;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubmoduleUrlsTest {

    private static final BitbucketEndpoints CLOUD = BitbucketEndpoints.cloud();
    private static final BitbucketEndpoints LOCAL = BitbucketEndpoints.of(
                    "http://127.0.0.1:8080/api", "http://127.0.0.1:8080")
            .orElseThrow();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://bitbucket.org/acme/lib.git",
                "https://bitbucket.org/acme/lib",
                "https://jane-doe@bitbucket.org/acme/lib.git",
                "https://BITBUCKET.ORG/acme/lib.git",
                "https://bitbucket.org:443/acme/lib.git"
            })
    void shouldHandTheCredentialToRepositoriesOnTheBitbucketHost(String url) {
        assertThat(SubmoduleUrls.check("lib", url, CLOUD)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://evil.example.com/acme/lib.git",
                "http://bitbucket.org/acme/lib.git",
                "https://bitbucket.org:8443/acme/lib.git",
                "https://bitbucket.org@evil.example.com/acme/lib.git",
                "git@bitbucket.org:acme/lib.git",
                "ssh://git@bitbucket.org/acme/lib.git",
                "file:///srv/git/lib.git",
                "/srv/git/lib.git",
                "../lib.git",
                "https://bitbucket.org/acme",
                "https://bitbucket.org.evil.example.com/acme/lib.git",
                "ext::sh -c touch% /tmp/pwned",
                ""
            })
    void shouldRefuseEveryOtherUrlAndSayWhatToDo(String url) {
        assertThat(SubmoduleUrls.check("lib", url, CLOUD)).get().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(Message.SUBMODULE_NOT_ON_BITBUCKET);
            assertThat(problem.describe()).contains("lib").contains("https://bitbucket.org");
        });
    }

    @Test
    void shouldCompareThePortOfALocalBitbucketNotOnlyItsHost() {
        assertThat(SubmoduleUrls.check("lib", "http://127.0.0.1:8080/acme/lib.git", LOCAL))
                .isEmpty();
        assertThat(SubmoduleUrls.check("lib", "http://127.0.0.1:9090/acme/lib.git", LOCAL))
                .isPresent();
    }

    @Test
    void shouldNeverShowAPasswordWrittenInTheUrl() {
        Problem refused = SubmoduleUrls.check("lib", "https://jane:s3cr3t-pass@evil.example.com/acme/lib.git", CLOUD)
                .orElseThrow();

        assertThat(refused.describe()).doesNotContain("s3cr3t-pass").contains("evil.example.com");
    }

    @Property(tries = 300)
    void shouldNeverThrowAndAcceptOnlyTheConfiguredHost(@ForAll String url) {
        boolean accepted = SubmoduleUrls.check("lib", url, CLOUD).isEmpty();

        if (accepted) {
            assertThat(url.strip().toLowerCase(java.util.Locale.ROOT)).startsWith("https://");
        }
    }
}
