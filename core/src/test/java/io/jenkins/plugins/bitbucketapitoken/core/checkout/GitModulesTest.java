package io.jenkins.plugins.bitbucketapitoken.core.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class GitModulesTest {

    @Test
    void shouldReadNamesPathsAndUrlsAsGitWritesThem() {
        String file = """
                [submodule "lib"]
                \tpath = vendor/lib
                \turl = https://bitbucket.org/acme/lib.git
                # a comment
                [submodule "docs site"]
                \tpath = "docs/site" ; trailing comment
                \tURL = ../site.git
                [core]
                \turl = https://ignored.example.com/
                """;

        List<GitModules.Submodule> submodules = GitModules.parse(file);

        assertThat(submodules)
                .containsExactly(
                        new GitModules.Submodule(
                                "lib", Optional.of("vendor/lib"), Optional.of("https://bitbucket.org/acme/lib.git")),
                        new GitModules.Submodule("docs site", Optional.of("docs/site"), Optional.of("../site.git")));
    }

    @Test
    void shouldReadEscapedNamesAndContinuedLines() {
        String file = "[submodule \"a\\\"b\"]\n  url = https://evil.example.com/\\\nacme/x.git\n";

        assertThat(GitModules.parse(file)).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("a\"b");
            assertThat(s.url()).contains("https://evil.example.com/acme/x.git");
        });
    }

    @Test
    void shouldKeepTheLastUrlOfASectionWrittenTwiceAndNeverMoreThanTheBound() {
        String twice =
                "[submodule \"x\"]\nurl = https://bitbucket.org/acme/x.git\n[submodule \"x\"]\nurl = https://evil.example.com/x.git\n";

        assertThat(GitModules.parse(twice)).singleElement().satisfies(s -> assertThat(s.url())
                .contains("https://evil.example.com/x.git"));
        assertThat(GitModules.parse("[submodule \"n\"]\n".repeat(1)
                        + java.util.stream.IntStream.range(0, GitModules.MAX_SUBMODULES + 5)
                                .mapToObj(i -> "[submodule \"m" + i + "\"]\nurl = u\n")
                                .reduce("", String::concat)))
                .hasSize(GitModules.MAX_SUBMODULES);
    }

    @Property(tries = 500)
    void shouldNeverThrowOnAnyText(@ForAll String text) {
        assertThat(GitModules.parse(text)).isNotNull();
        assertThat(GitModules.parse("[submodule \"" + text + "\"]\nurl = " + text))
                .isNotNull();
    }
}
