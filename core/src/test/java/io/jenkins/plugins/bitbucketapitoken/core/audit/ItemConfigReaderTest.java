package io.jenkins.plugins.bitbucketapitoken.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bitbucketapitoken.core.Validated;
import io.jenkins.plugins.bitbucketapitoken.core.audit.testing.SyntheticJenkinsHome;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ItemConfigReaderTest {

    static Stream<Arguments> placesThatNameCredentials() {
        return Stream.of(
                Arguments.of(
                        "git remote",
                        "<project><scm class='hudson.plugins.git.GitSCM'><userRemoteConfigs><hudson.plugins.git.UserRemoteConfig>"
                                + "<url>https://bitbucket.org/acme/widget.git</url><credentialsId>bb</credentialsId>"
                                + "</hudson.plugins.git.UserRemoteConfig></userRemoteConfigs></scm></project>",
                        ReferenceSource.SCM,
                        "bitbucket.org"),
                Arguments.of(
                        "branch source",
                        "<org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject><sources><data>"
                                + "<jenkins.branch.BranchSource><source class='jenkins.plugins.git.GitSCMSource'>"
                                + "<remote>https://bitbucket.org/acme/widget.git</remote><credentialsId>bb</credentialsId>"
                                + "</source></jenkins.branch.BranchSource></data></sources>"
                                + "</org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject>",
                        ReferenceSource.BRANCH_SOURCE,
                        "bitbucket.org"),
                Arguments.of(
                        "navigator",
                        "<jenkins.branch.OrganizationFolder><navigators><com.cloudbees.jenkins.plugins.bitbucket.BitbucketSCMNavigator>"
                                + "<credentialsId>bb</credentialsId><repoOwner>acme</repoOwner>"
                                + "</com.cloudbees.jenkins.plugins.bitbucket.BitbucketSCMNavigator></navigators></jenkins.branch.OrganizationFolder>",
                        ReferenceSource.NAVIGATOR,
                        "bitbucket.org"),
                Arguments.of(
                        "binding",
                        "<project><buildWrappers><org.jenkinsci.plugins.credentialsbinding.impl.SecretBuildWrapper><bindings>"
                                + "<org.jenkinsci.plugins.credentialsbinding.impl.UsernamePasswordMultiBinding>"
                                + "<credentialsId>bb</credentialsId></org.jenkinsci.plugins.credentialsbinding.impl.UsernamePasswordMultiBinding>"
                                + "</bindings></org.jenkinsci.plugins.credentialsbinding.impl.SecretBuildWrapper></buildWrappers></project>",
                        ReferenceSource.OTHER,
                        ""),
                Arguments.of(
                        "older Bitbucket source's checkout credentials",
                        "<x><sources><data><jenkins.branch.BranchSource><source><checkoutCredentialsId>bb</checkoutCredentialsId>"
                                + "</source></jenkins.branch.BranchSource></data></sources></x>",
                        ReferenceSource.BRANCH_SOURCE,
                        ""),
                Arguments.of(
                        "Pipeline script",
                        "<flow-definition><definition class='org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition'>"
                                + "<script>git url: 'https://bitbucket.org/acme/widget.git', credentialsId: 'bb'</script>"
                                + "</definition></flow-definition>",
                        ReferenceSource.SCRIPT,
                        ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("placesThatNameCredentials")
    void shouldFindTheCredentialIdAndSayWhereItWasNamed(String name, String xml, ReferenceSource where, String host) {
        Validated<ItemRecord> item = ItemConfigReader.read("job", xml);

        assertThat(item.isValid()).isTrue();
        assertThat(item.orElseThrow().references())
                .extracting(CredentialReference::credentialsId, CredentialReference::where, CredentialReference::host)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "bb", where, Optional.of(host).filter(h -> !h.isEmpty())));
    }

    static Stream<Arguments> hostsOfReferences() {
        return Stream.of(
                Arguments.of(
                        "GitHub branch source, by its class",
                        "<x><sources><data><jenkins.branch.BranchSource>"
                                + "<source class='org.jenkinsci.plugins.github_branch_source.GitHubSCMSource'>"
                                + "<credentialsId>bb</credentialsId><repoOwner>acme</repoOwner><repository>w</repository>"
                                + "</source></jenkins.branch.BranchSource></data></sources></x>",
                        "github.com"),
                Arguments.of(
                        "GitHub Enterprise navigator, by its API URL",
                        "<jenkins.branch.OrganizationFolder><navigators>"
                                + "<org.jenkinsci.plugins.github__branch__source.GitHubSCMNavigator>"
                                + "<repoOwner>acme</repoOwner><apiUri>https://github.example.com/api/v3</apiUri>"
                                + "<credentialsId>bb</credentialsId>"
                                + "</org.jenkinsci.plugins.github__branch__source.GitHubSCMNavigator>"
                                + "</navigators></jenkins.branch.OrganizationFolder>",
                        "github.example.com"),
                Arguments.of(
                        "Bitbucket Data Center source",
                        "<x><sources><data><jenkins.branch.BranchSource>"
                                + "<source class='com.cloudbees.jenkins.plugins.bitbucket.BitbucketSCMSource'>"
                                + "<serverUrl>https://bitbucket.example.com/</serverUrl><credentialsId>bb</credentialsId>"
                                + "<repoOwner>ACME</repoOwner><repository>w</repository>"
                                + "</source></jenkins.branch.BranchSource></data></sources></x>",
                        "bitbucket.example.com"),
                Arguments.of(
                        "Git remote over ssh, scp-like",
                        "<project><scm><userRemoteConfigs><hudson.plugins.git.UserRemoteConfig>"
                                + "<credentialsId>bb</credentialsId><url>git@GitHub.com:acme/w.git</url>"
                                + "</hudson.plugins.git.UserRemoteConfig></userRemoteConfigs></scm></project>",
                        "github.com"),
                Arguments.of(
                        "Git remote with user and port",
                        "<project><scm><userRemoteConfigs><hudson.plugins.git.UserRemoteConfig>"
                                + "<url>https://jane@git.example.com:8443/scm/acme/w.git</url><credentialsId>bb</credentialsId>"
                                + "</hudson.plugins.git.UserRemoteConfig></userRemoteConfigs></scm></project>",
                        "git.example.com"),
                Arguments.of(
                        "Git remote whose host is a parameter",
                        "<project><scm><userRemoteConfigs><hudson.plugins.git.UserRemoteConfig>"
                                + "<url>https://${GIT_HOST}/acme/w.git</url><credentialsId>bb</credentialsId>"
                                + "</hudson.plugins.git.UserRemoteConfig></userRemoteConfigs></scm></project>",
                        ""),
                Arguments.of(
                        "Git remote without a URL",
                        "<project><scm><userRemoteConfigs><hudson.plugins.git.UserRemoteConfig>"
                                + "<credentialsId>bb</credentialsId>"
                                + "</hudson.plugins.git.UserRemoteConfig></userRemoteConfigs></scm></project>",
                        ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostsOfReferences")
    void shouldSayWhichHostAReferenceIsUsedWithWhenTheConfigurationSaysSo(String name, String xml, String host) {
        // when
        ItemRecord item = ItemConfigReader.read("job", xml).orElseThrow();

        // then
        assertThat(item.references()).singleElement().satisfies(r -> assertThat(r.host())
                .isEqualTo(Optional.of(host).filter(h -> !h.isEmpty())));
    }

    @Test
    void shouldNotMakeUpABitbucketUrlForAGitHubSource() {
        String xml = "<x><sources><data><jenkins.branch.BranchSource>"
                + "<source class='org.jenkinsci.plugins.github_branch_source.GitHubSCMSource'>"
                + "<credentialsId>bb</credentialsId><repoOwner>acme</repoOwner><repository>w</repository>"
                + "</source></jenkins.branch.BranchSource></data></sources></x>";

        assertThat(ItemConfigReader.read("job", xml).orElseThrow().bitbucketUrls())
                .isEmpty();
    }

    @Test
    void shouldReadTypeDisabledFlagAndBitbucketUrlsWithoutUserInfo() {
        String xml = "<?xml version='1.1' encoding='UTF-8'?>\n<project><disabled>true</disabled>"
                + "<description>mirror of https://jane:secret-pass@bitbucket.org/acme/widget.git</description>"
                + "<scm><userRemoteConfigs><hudson.plugins.git.UserRemoteConfig><url>git@bitbucket.org:acme/other.git</url>"
                + "</hudson.plugins.git.UserRemoteConfig></userRemoteConfigs></scm></project>";

        ItemRecord item = ItemConfigReader.read("folder/job", xml).orElseThrow();

        assertThat(item.type()).isEqualTo("hudson.model.FreeStyleProject");
        assertThat(item.disabled()).isTrue();
        assertThat(item.references()).isEmpty();
        assertThat(item.bitbucketUrls())
                .containsExactly("https://bitbucket.org/acme/widget.git", "https://bitbucket.org/acme/other.git");
        assertThat(item.toString()).doesNotContain("secret-pass");
    }

    @Test
    void shouldDecodeXStreamClassNamesAndIgnoreTheSameAsScanPlaceholder() {
        String xml = "<com.example.My__Project_-Inner><source><credentialsId>bb</credentialsId>"
                + "<checkoutCredentialsId>SAME</checkoutCredentialsId></source></com.example.My__Project_-Inner>";

        ItemRecord item = ItemConfigReader.read("job", xml).orElseThrow();

        assertThat(item.type()).isEqualTo("com.example.My_Project$Inner");
        assertThat(item.references())
                .extracting(CredentialReference::credentialsId)
                .containsExactly("bb");
    }

    @Test
    void shouldRefuseDoctypesAndNeverExpandEntities() {
        String xml = "<!DOCTYPE project [<!ENTITY id \"bb\">]><project><credentialsId>&id;</credentialsId></project>";

        Validated<ItemRecord> item = ItemConfigReader.read("job", xml);

        assertThat(item.isValid()).isFalse();
        assertThat(item.error().orElseThrow().message()).contains("DOCTYPE");
    }

    @Test
    void shouldSayWhereMalformedXmlBreaks() {
        Validated<ItemRecord> item = ItemConfigReader.read("job", "<project><scm></project>");

        assertThat(item.error().orElseThrow().message()).contains("not well-formed XML");
    }

    @Test
    void shouldReadAPipelineScriptLongerThanFourMebibytesToItsEnd() {
        // given: a script whose only credential id comes after 5 MiB of other steps
        String script = "// generated stages\n".repeat(5 * 1024 * 1024 / 20)
                + "git url: 'https://bitbucket.org/acme/widget.git', credentialsId: 'bb'\n";
        String xml = "<flow-definition><definition class='org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition'>"
                + "<script>" + script + "</script></definition></flow-definition>";

        // when
        Validated<ItemRecord> fromBytes = ItemConfigReader.read("job", xml.getBytes(StandardCharsets.UTF_8));
        Validated<ItemRecord> fromText = ItemConfigReader.read("job", xml);

        // then
        for (Validated<ItemRecord> item : List.of(fromBytes, fromText)) {
            assertThat(item.problems()).isEmpty();
            assertThat(item.orElseThrow().references())
                    .containsExactly(new CredentialReference("bb", ReferenceSource.SCRIPT, UseChannel.GIT));
            assertThat(item.orElseThrow().bitbucketUrls()).containsExactly("https://bitbucket.org/acme/widget.git");
        }
    }

    @Property(tries = 300)
    void shouldNeverThrowOnAnyText(@ForAll("xmlish") String text) {
        Validated<ItemRecord> item = ItemConfigReader.read("job", text);

        assertThat(item.isValid() || item.error().isPresent()).isTrue();
    }

    @Property(tries = 200)
    void shouldNeverThrowOnAnyBytes(@ForAll byte[] bytes) {
        Validated<ItemRecord> item = ItemConfigReader.read("job", bytes);

        assertThat(item.isValid() || item.error().isPresent()).isTrue();
    }

    @Property(tries = 200)
    void shouldFindAnyIdPutInACredentialsIdElement(@ForAll("ids") String id) {
        String xml =
                "<project><scm><credentialsId>" + SyntheticJenkinsHome.esc(id) + "</credentialsId></scm></project>";

        ItemRecord item = ItemConfigReader.read("job", xml.getBytes(StandardCharsets.UTF_8))
                .orElseThrow();

        assertThat(item.references()).containsExactly(new CredentialReference(id.strip(), ReferenceSource.SCM));
        assertThat(item.references().get(0).host()).isEmpty();
    }

    @Property(tries = 300)
    void shouldReadAnItemAlikeWhetherTheLeanReaderOrSaxReadsIt(@ForAll("configurations") String xml) {
        // given: elements of every kind the reader looks for, nested at random, with text in any case and script,
        // such as a dotless i or a Kelvin sign, which Unicode case rules match with ASCII letters
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);

        // when
        Validated<ItemRecord> lean = ItemConfigReader.read("job", bytes, SecureXml.Parsers.LEAN_THEN_SAX);
        Validated<ItemRecord> sax = ItemConfigReader.read("job", bytes, SecureXml.Parsers.SAX_ONLY);

        // then
        assertThat(lean.value()).isEqualTo(sax.value());
        assertThat(lean.problems()).isEqualTo(sax.problems());
    }

    @Test
    void shouldReadTextWithNonAsciiLookalikesOfBitbucketFromBytesAsFromAString() {
        // given: a dotless i (U+0131), whose upper case is I: String.regionMatches ignoring case takes it for an i,
        // so the byte reader leaves such text to the String comparison instead of deciding on its ASCII bytes
        String xml = "<project><description>see https://b\u0131tbucket.org/acme/widget and"
                + " https://bitbuc\u212Aet.example.com/x/y</description></project>";

        // when
        ItemRecord fromBytes = ItemConfigReader.read("job", xml.getBytes(StandardCharsets.UTF_8))
                .orElseThrow();

        // then
        assertThat(fromBytes).isEqualTo(ItemConfigReader.read("job", xml).orElseThrow());
    }

    @Test
    void shouldReadEachItemAsIfAloneWhenOneThreadReadsManyInARow() throws Exception {
        // given: an item with all that the reader keeps while it reads (a disabled flag, a Git remote, a freestyle
        // binding and the commands that use it), a broken one that stops halfway, then a plain one, all read on one
        // thread, whose reader is reused from item to item
        String busy = "<project><disabled>true</disabled><scm><userRemoteConfigs><hudson.plugins.git.UserRemoteConfig>"
                + "<url>https://bitbucket.org/acme/widget.git</url><credentialsId>bb</credentialsId>"
                + "</hudson.plugins.git.UserRemoteConfig></userRemoteConfigs></scm><buildWrappers>"
                + "<org.jenkinsci.plugins.credentialsbinding.impl.SecretBuildWrapper><bindings>"
                + "<org.jenkinsci.plugins.credentialsbinding.impl.UsernamePasswordMultiBinding>"
                + "<credentialsId>bb-rest</credentialsId><usernameVariable>U</usernameVariable>"
                + "</org.jenkinsci.plugins.credentialsbinding.impl.UsernamePasswordMultiBinding></bindings>"
                + "</org.jenkinsci.plugins.credentialsbinding.impl.SecretBuildWrapper></buildWrappers><builders>"
                + "<hudson.tasks.Shell><command>curl -u $U https://api.bitbucket.org/2.0/user</command>"
                + "</hudson.tasks.Shell></builders></project>";
        String broken = "<project><scm><userRemoteConfigs><hudson.plugins.git.UserRemoteConfig><credentialsId>x";
        String plain = "<project><builders><hudson.tasks.Shell><command>make</command></hudson.tasks.Shell>"
                + "</builders></project>";

        // when
        ItemRecord first = ItemConfigReader.read("busy", busy.getBytes(StandardCharsets.UTF_8))
                .orElseThrow();
        Validated<ItemRecord> second = ItemConfigReader.read("broken", broken.getBytes(StandardCharsets.UTF_8));
        ItemRecord third = ItemConfigReader.read("plain", plain.getBytes(StandardCharsets.UTF_8))
                .orElseThrow();
        ItemRecord[] alone = new ItemRecord[1];
        Thread fresh =
                new Thread(() -> alone[0] = ItemConfigReader.read("plain", plain.getBytes(StandardCharsets.UTF_8))
                        .orElseThrow());
        fresh.start();
        fresh.join();

        // then: nothing of one item is carried into the next
        assertThat(first.disabled()).isTrue();
        assertThat(first.references())
                .extracting(CredentialReference::credentialsId)
                .containsExactly("bb", "bb-rest");
        assertThat(second.isValid()).isFalse();
        assertThat(third).isEqualTo(alone[0]);
        assertThat(third.disabled()).isFalse();
        assertThat(third.references()).isEmpty();
        assertThat(third.bitbucketUrls()).isEmpty();
    }

    @Provide
    Arbitrary<String> configurations() {
        Arbitrary<String> names = Arbitraries.of(
                "scm",
                "source",
                "navigators",
                "jenkins.branch.BranchSource",
                "userRemoteConfigs",
                "hudson.plugins.git.UserRemoteConfig",
                "org.jenkinsci.plugins.credentialsbinding.impl.UsernamePasswordMultiBinding",
                "definition",
                "script",
                "hudson.tasks.Shell",
                "command",
                "disabled",
                "credentialsId",
                "gitCredentialsId",
                "url",
                "serverUrl",
                "remote",
                "repoOwner",
                "repository",
                "usernameVariable",
                "description");
        Arbitrary<String> texts = Arbitraries.of(
                "bb",
                " bb-token ",
                "true",
                "https://bitbucket.org/acme/widget.git",
                "https://BitBucket.ORG/Acme/Widget",
                "https://b\u0131tbucket.org/acme/dotless",
                "https://bitbuc\u212Aet.org/acme/kelvin",
                "acme",
                "git url: 'https://bitbucket.org/acme/x.git', credentialsId: 'bb'",
                "curl -u $U:$P https://api.bitbucket.org/2.0/user",
                "U",
                "&amp;&#xe9;&#x1F600;",
                "");
        return Arbitraries.lazyOf(() -> element(names, texts, 4)).map(body -> "<project>" + body + "</project>");
    }

    private static Arbitrary<String> element(Arbitrary<String> names, Arbitrary<String> texts, int depth) {
        Arbitrary<String> content = depth == 0
                ? texts
                : Arbitraries.oneOf(
                        texts,
                        Arbitraries.lazyOf(() -> element(names, texts, depth - 1))
                                .list()
                                .ofMaxSize(3)
                                .map(children -> String.join("\n  ", children)));
        return names.flatMap(name -> content.map(inner -> "<" + name + ">" + inner + "</" + name + ">"));
    }

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.strings()
                .withCharRange('!', '~')
                .withChars('é', 'ß', ' ')
                .ofMinLength(1)
                .ofMaxLength(40)
                .filter(s -> !s.isBlank() && !s.strip().equals("SAME"));
    }

    @Provide
    Arbitrary<String> xmlish() {
        Arbitrary<String> pieces = Arbitraries.of(
                "<project>",
                "</project>",
                "<scm>",
                "</scm>",
                "<credentialsId>",
                "</credentialsId>",
                "bb",
                "&amp;",
                "&x;",
                "<!DOCTYPE x>",
                "<![CDATA[",
                "]]>",
                "<!--",
                "-->",
                "<?xml version='1.1'?>",
                "<script>",
                "</script>",
                "<definition>",
                "</definition>",
                "credentialsId: 'a'",
                "https://bitbucket.org/a/b",
                "\u0000",
                "\uFFFE",
                "<",
                ">",
                "\"",
                "'");
        return pieces.list().ofMaxSize(30).map(l -> String.join("", l));
    }
}
