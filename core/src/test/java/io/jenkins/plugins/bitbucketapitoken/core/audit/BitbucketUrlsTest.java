package io.jenkins.plugins.bitbucketapitoken.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class BitbucketUrlsTest {

    @Provide
    Arbitrary<String> configurationTexts() {
        return Arbitraries.of(
                        "https://",
                        "HTTP://",
                        "hTtPs://",
                        "ssh://",
                        "git@",
                        "GIT@",
                        "httpſ://",
                        "\u212A",
                        "bitbucket.org",
                        "BitBucket.example.com",
                        "bitbuc\u212Aet.org",
                        "/acme/widget.git",
                        ":acme/widget.git",
                        "user:secret@",
                        "'",
                        " ",
                        "\n",
                        "h",
                        "s",
                        "g",
                        "x")
                .list()
                .ofMaxSize(12)
                .map(pieces -> String.join("", pieces));
    }

    @Property(tries = 3000)
    void shouldFindTheSameUrlsAsSearchingForEachStartSeparately(@ForAll("configurationTexts") String text) {
        assertThat(BitbucketUrls.find(text)).isEqualTo(findWithOneSearchPerStart(text));
    }

    @Provide
    Arbitrary<String> cloudUrls() {
        Arbitrary<String> name = Arbitraries.strings()
                .withChars("aZ09_.-/%?é")
                .ofMaxLength(6)
                .edgeCases(c -> c.add(".").add("..").add(".git").add("x".repeat(129)));
        return net.jqwik.api.Combinators.combine(
                        Arbitraries.of("https://bitbucket.org/", "HTTPS://bitbucket.org/", "https://bitbucket.org//"),
                        name,
                        Arbitraries.of("/", "//", ""),
                        name,
                        Arbitraries.of("", ".git", ".GIT", "/", ".git/", "/src/main/"))
                .as((start, workspace, slash, slug, end) -> start + workspace + slash + slug + end);
    }

    @Property(tries = 3000)
    void shouldReadPlainCloudUrlsQuicklyExactlyAsTheGeneralParserDoes(@ForAll("cloudUrls") String url) {
        // when
        java.util.Optional<String> quick = BitbucketUrls.plainCloudCloneUrl(url);

        // then
        quick.ifPresent(q -> assertThat(BitbucketUrls.parsed(url)).contains(q));
    }

    @Property(tries = 2000)
    void shouldTellAHostOnlyWhenAUrlNamesOnePlainly(@ForAll("configurationTexts") String url) {
        // when
        java.util.Optional<String> host = BitbucketUrls.hostOfTarget(url);

        // then: a lower-case host name, never user info, a port, a path or a variable
        host.ifPresent(h -> assertThat(h).matches("[a-z0-9.-]+"));
    }

    @Test
    void shouldTellTheHostOfEveryFormOfGitUrl() {
        assertThat(BitbucketUrls.hostOfTarget("https://jane:secret@Bitbucket.org:443/acme/w.git"))
                .contains("bitbucket.org");
        assertThat(BitbucketUrls.hostOfTarget("ssh://git@bitbucket.example.com:7999/acme/w.git"))
                .contains("bitbucket.example.com");
        assertThat(BitbucketUrls.hostOfTarget("git@github.com:acme/w.git")).contains("github.com");
        assertThat(BitbucketUrls.hostOfTarget("https://${HOST}/acme/w.git")).isEmpty();
        assertThat(BitbucketUrls.hostOfTarget("acme/w")).isEmpty();
        assertThat(BitbucketUrls.hostOfTarget("https://bitbuc\u212Aet.org/acme/w.git"))
                .isEmpty();
        assertThat(BitbucketUrls.hostOfTarget("")).isEmpty();
    }

    @Test
    void shouldReadTheCommonFormsWithoutTheGeneralParser() {
        assertThat(BitbucketUrls.plainCloudCloneUrl("https://bitbucket.org/Acme/Widget.GIT"))
                .contains("https://bitbucket.org/acme/widget.git");
        assertThat(BitbucketUrls.plainCloudCloneUrl("https://bitbucket.org/acme/widget/"))
                .contains("https://bitbucket.org/acme/widget.git");
        assertThat(BitbucketUrls.plainCloudCloneUrl("https://bitbucket.org/acme/widget/src/main/"))
                .isEmpty();
        assertThat(BitbucketUrls.normalise("https://bitbucket.org/acme/widget/src/main/"))
                .contains("https://bitbucket.org/acme/widget.git");
    }

    @Test
    @Timeout(
            value = 60,
            unit = TimeUnit.SECONDS,
            threadMode =
                    Timeout.ThreadMode.SEPARATE_THREAD) // a hang guard only: the work is linear, about a second here
    void shouldFindEachOfHundredsOfThousandsOfDistinctUrlsOnceAndInOrder() {
        // given: 200,000 distinct repositories (6 MiB), each named twice; removing repeats from a list took minutes
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            text.append("git url: 'https://bitbucket.org/acme/repo-").append(i).append(".git'\n");
        }
        text.append(text);

        // when
        List<String> urls = BitbucketUrls.find(text.toString());

        // then
        assertThat(urls)
                .hasSize(200_000)
                .startsWith("https://bitbucket.org/acme/repo-0.git")
                .endsWith("https://bitbucket.org/acme/repo-199999.git");
    }

    @Test
    void shouldFindEveryKindOfUrlStartInOrder() {
        // given
        String text =
                "ssh://git@bitbucket.org/acme/a.git and HTTPS://bitbucket.org/acme/b then git@bitbucket.org:acme/c.git";

        // when
        List<String> urls = BitbucketUrls.find(text);

        // then
        assertThat(urls).hasSize(3).isEqualTo(findWithOneSearchPerStart(text));
        assertThat(urls.get(1)).isEqualTo("https://bitbucket.org/acme/b.git");
    }

    /** The former search, one case-insensitive search per URL start, kept as the reference. */
    private static List<String> findWithOneSearchPerStart(String text) {
        String[] starts = {"https://", "http://", "ssh://", "git@"};
        List<String> found = new ArrayList<>();
        if (!BitbucketUrls.containsIgnoreCase(text, "bitbucket")) {
            return found;
        }
        int[] next = new int[starts.length];
        Arrays.fill(next, -2);
        int i = 0;
        while (i < text.length()) {
            int start = -1;
            for (int k = 0; k < starts.length; k++) {
                if (next[k] != -1 && next[k] < i) {
                    next[k] = BitbucketUrls.indexOfIgnoreCase(text, starts[k], i);
                }
                if (next[k] >= 0 && (start < 0 || next[k] < start)) {
                    start = next[k];
                }
            }
            if (start < 0) {
                break;
            }
            int end = start;
            while (end < text.length() && end - start < 2048 && isUrlCharacter(text.charAt(end))) {
                end++;
            }
            BitbucketUrls.normalise(text.substring(start, end))
                    .filter(u -> !found.contains(u))
                    .ifPresent(found::add);
            i = Math.max(end, start + 1);
        }
        return found;
    }

    private static boolean isUrlCharacter(char c) {
        return c > ' ' && c < 127 && "\"'<>`(){}[],\\".indexOf(c) < 0;
    }
}
