package io.jenkins.plugins.bitbucketapitoken.core.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bitbucketapitoken.core.InvalidInputException;
import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.Problem;
import io.jenkins.plugins.bitbucketapitoken.core.Validated;
import java.net.URI;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RepositoryReferencesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "acme/widget",
                "acme/widget.git",
                "acme/widget/",
                "  acme/widget  ",
                "Acme/Widget",
                "https://bitbucket.org/acme/widget.git",
                "https://bitbucket.org/acme/widget",
                "https://bitbucket.org/acme/widget/",
                "https://jane@bitbucket.org/acme/widget.git",
                "https://www.bitbucket.org/acme/widget",
                "https://bitbucket.org/acme/widget/src/main/",
                "https://bitbucket.org/acme/widget/pull-requests/12",
                "https://bitbucket.org:443/acme/widget.git",
                "git@bitbucket.org:acme/widget.git",
                "git@bitbucket.org:acme/widget",
                "bitbucket.org:acme/widget.git",
                "ssh://git@bitbucket.org/acme/widget.git",
                "ssh://git@bitbucket.org:22/acme/widget.git",
                "bitbucket.org/acme/widget",
            })
    void shouldReadEveryCommonFormOfAReference(String input) {
        Validated<RepositoryRef> result = RepositoryReferences.parse(input);

        assertThat(result.problems()).isEmpty();
        RepositoryRef ref = result.orElseThrow();
        assertThat(ref.workspace()).isEqualTo("acme");
        assertThat(ref.slug()).isEqualTo("widget");
        assertThat(ref.fullName()).isEqualTo("acme/widget");
        assertThat(ref.cloneUrl()).isEqualTo(URI.create("https://bitbucket.org/acme/widget.git"));
    }

    @Test
    void shouldDropAPasswordFromTheUrlAndWarnAboutIt() {
        Validated<RepositoryRef> result =
                RepositoryReferences.parse("https://jane:s3cr3tpass@bitbucket.org/acme/widget.git");

        assertThat(result.orElseThrow().cloneUrl().toString())
                .doesNotContain("jane")
                .doesNotContain("s3cr3tpass");
        assertThat(result.problems()).extracting(Problem::code).containsExactly(Message.REPOSITORY_CREDENTIALS_IN_URL);
        assertThat(result.problems().get(0).message()).doesNotContain("s3cr3tpass");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''|REPOSITORY_EMPTY",
                "acme|REPOSITORY_WORKSPACE_ONLY",
                "https://bitbucket.org/acme|REPOSITORY_WORKSPACE_ONLY",
                "https://github.com/acme/widget.git|REPOSITORY_HOST_NOT_ALLOWED",
                "git@github.com:acme/widget.git|REPOSITORY_HOST_NOT_ALLOWED",
                "https://bitbucket.org.evil.example/acme/widget|REPOSITORY_HOST_NOT_ALLOWED",
                "http://bitbucket.org/acme/widget.git|REPOSITORY_INSECURE_SCHEME",
                "ftp://bitbucket.org/acme/widget|REPOSITORY_UNPARSEABLE",
                "acme/widget/extra|REPOSITORY_UNPARSEABLE",
                "acme/wid get|REPOSITORY_INVALID_NAME",
                "acme/..|REPOSITORY_INVALID_NAME",
                "https://bitbucket.org/acme/%2e%2e|REPOSITORY_INVALID_NAME",
                "https://bitbucket.org/ac me/widget|REPOSITORY_UNPARSEABLE",
            })
    void shouldExplainWhatIsWrongWithABadReference(String input, Message expected) {
        Validated<RepositoryRef> result = RepositoryReferences.parse(input);

        assertThat(result.isValid()).isFalse();
        assertThat(result.error()).get().satisfies(p -> {
            assertThat(p.code()).isEqualTo(expected);
            assertThat(p.action()).isNotBlank();
        });
        assertThatThrownBy(result::orElseThrow)
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(result.error().orElseThrow().message());
    }

    @Test
    void shouldNeverShowAPasswordInAnError() {
        Validated<RepositoryRef> result = RepositoryReferences.parse("https://jane:s3cr3tpass@github.com/acme/widget");

        assertThat(result.error()).get().satisfies(p -> assertThat(p.describe()).doesNotContain("s3cr3tpass"));
        assertThat(RepositoryReferences.redact("https://jane:s3cr3tpass@github.com/x"))
                .isEqualTo("https://****@github.com/x");
    }

    @Test
    void shouldAcceptAConfiguredLoopbackServerOverPlainHttp() {
        BitbucketEndpoints local = BitbucketEndpoints.of("http://127.0.0.1:8990/api/2.0", "http://127.0.0.1:8990/git")
                .orElseThrow();

        RepositoryRef ref = RepositoryReferences.parse("http://127.0.0.1:8990/git/acme/widget.git", local)
                .orElseThrow();
        RepositoryRef shorthand =
                RepositoryReferences.parse("acme/widget", local).orElseThrow();

        assertThat(ref.cloneUrl()).isEqualTo(URI.create("http://127.0.0.1:8990/git/acme/widget.git"));
        assertThat(shorthand).isEqualTo(ref);
        assertThat(RepositoryReferences.parse("https://bitbucket.org/acme/widget", local)
                        .error())
                .get()
                .extracting(Problem::code)
                .isEqualTo(Message.REPOSITORY_HOST_NOT_ALLOWED);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://api.example.com/2.0",
                "ftp://example.com",
                "not a url",
                "https://u:p@example.com",
                "/relative"
            })
    void shouldRefuseBaseUrlsThatWouldLeakTheToken(String base) {
        Validated<BitbucketEndpoints> result = BitbucketEndpoints.of(base, null);

        assertThat(result.isValid()).isFalse();
        assertThat(result.error().orElseThrow().describe()).doesNotContain("u:p@");
    }

    @Test
    void shouldDefaultToBitbucketCloud() {
        BitbucketEndpoints endpoints = BitbucketEndpoints.of(" ", null).orElseThrow();

        assertThat(endpoints).isEqualTo(BitbucketEndpoints.cloud());
        assertThat(endpoints.isCloud()).isTrue();
        assertThat(endpoints.api("/user")).isEqualTo(URI.create("https://api.bitbucket.org/2.0/user"));
        assertThat(endpoints.isGitHost("BITBUCKET.ORG")).isTrue();
        assertThat(endpoints.isGitHost("evil.example")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "127.0.0.1", "127.1.2.3", "[::1]", "::1"})
    void shouldKnowLoopbackHosts(String host) {
        assertThat(Hosts.isLoopback(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bitbucket.org", "10.0.0.1", "127.0.0.1.example.com", "localhost.example.com", ""})
    void shouldKnowOtherHostsAreNotLoopback(String host) {
        assertThat(Hosts.isLoopback(host)).isFalse();
    }

    @Property(tries = 3000)
    void shouldNeverThrowWhateverTheInput(@ForAll("references") String input) {
        Validated<RepositoryRef> result = RepositoryReferences.parse(input);

        assertThat(result.isValid() || result.error().isPresent()).isTrue();
        result.value().ifPresent(ref -> {
            assertThat(ref.cloneUrl().getRawUserInfo()).isNull();
            assertThat(ref.cloneUrl().getHost()).isEqualTo("bitbucket.org");
        });
    }

    @Provide
    Arbitrary<String> references() {
        Arbitrary<String> pieces = Arbitraries.of(
                "https://",
                "http://",
                "ssh://",
                "git@",
                "bitbucket.org",
                "github.com",
                ":",
                "/",
                "acme",
                "widget",
                ".git",
                "@",
                "%2F",
                "..",
                " ",
                "\n",
                "?x=1",
                "#frag",
                "[::1]",
                "user:pw@",
                "\u00e9");
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(200),
                pieces.list().ofMaxSize(12).map(l -> String.join("", l)));
    }
}
