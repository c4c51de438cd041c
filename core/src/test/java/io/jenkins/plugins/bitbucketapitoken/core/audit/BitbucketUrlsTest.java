package io.jenkins.plugins.bitbucketapitoken.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

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
