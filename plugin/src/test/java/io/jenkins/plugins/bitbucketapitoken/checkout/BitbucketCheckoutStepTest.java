package io.jenkins.plugins.bitbucketapitoken.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.Computer;
import hudson.model.Item;
import hudson.model.Label;
import hudson.model.Result;
import hudson.model.User;
import hudson.util.Secret;
import hudson.util.StreamTaskListener;
import io.jenkins.plugins.bitbucketapitoken.BitbucketApiTokenConfiguration;
import io.jenkins.plugins.bitbucketapitoken.core.auth.Channel;
import io.jenkins.plugins.bitbucketapitoken.core.testing.TestSecrets;
import io.jenkins.plugins.bitbucketapitoken.core.testing.fake.CollectingServer;
import io.jenkins.plugins.bitbucketapitoken.core.testing.fake.FakeBitbucket;
import io.jenkins.plugins.bitbucketapitoken.core.testing.fake.FakeRepository;
import io.jenkins.plugins.bitbucketapitoken.core.testing.fake.RecordedRequest;
import io.jenkins.plugins.bitbucketapitoken.credentials.BitbucketApiTokenCredentialsImpl;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import jenkins.model.Jenkins;
import jenkins.security.QueueItemAuthenticatorConfiguration;
import org.eclipse.jgit.lib.ObjectId;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.MockQueueItemAuthenticator;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class BitbucketCheckoutStepTest {

    private static final String TOKEN = TestSecrets.apiToken(901);
    private static final String ACCESS_TOKEN = TestSecrets.accessToken(902);
    private static final String APP_PASSWORD = TestSecrets.appPassword(903);

    private JenkinsRule j;
    private FakeBitbucket bitbucket;
    private FakeRepository widget;

    @BeforeEach
    void startBitbucketAndAddCredentials(JenkinsRule rule) throws Exception {
        j = rule;
        bitbucket = FakeBitbucket.start()
                .addAccount("jane@example.com", "jane-doe")
                .addApiToken("jane@example.com", TOKEN, FakeBitbucket.ALL_SCOPES, Optional.empty())
                .addAccessToken(ACCESS_TOKEN, "acme/widget", Set.of("repository"));
        widget = bitbucket.addRepository("acme", "widget");
        widget.commit("main", "README.md", "hello from main", "first");
        widget.branch("release/2.x", "main");
        widget.commit("release/2.x", "RELEASE.md", "two", "release work");
        widget.tag("v1.0", "main");
        BitbucketApiTokenConfiguration config = BitbucketApiTokenConfiguration.get();
        config.setApiUrl(bitbucket.endpoints().apiUrl().toString());
        config.setGitUrl(bitbucket.endpoints().gitUrl().toString());

        BitbucketApiTokenCredentialsImpl token = new BitbucketApiTokenCredentialsImpl(
                CredentialsScope.GLOBAL, "bb", null, "jane@example.com", Secret.fromString(TOKEN));
        List<com.cloudbees.plugins.credentials.Credentials> store =
                SystemCredentialsProvider.getInstance().getCredentials();
        store.add(token);
        store.add(
                new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, "legacy", null, "jane-doe", APP_PASSWORD));
        store.add(new StringCredentialsImpl(CredentialsScope.GLOBAL, "access", null, Secret.fromString(ACCESS_TOKEN)));
        SystemCredentialsProvider.getInstance().save();
    }

    @AfterEach
    void stopBitbucket() {
        bitbucket.close();
    }

    /** A Pipeline function that runs git on any agent: sh on Unix, bat on Windows. */
    private static final String GIT = """
            def git(String args) {
              isUnix() ? sh(script: "git ${args}", returnStdout: true).trim()
                       : bat(script: "@git ${args}", returnStdout: true).trim()
            }
            """;

    private WorkflowRun run(String script, Result expected) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition(GIT + script, true));
        return j.assertBuildStatus(expected, job.scheduleBuild2(0));
    }

    @Test
    void shouldCheckOutTheMainBranchReadFromTheRestApi() throws Exception {
        WorkflowRun run = run("""
                node {
                  def scm = bitbucketCheckout repository: 'acme/widget', credentialsId: 'bb'
                  echo "commit=${scm.GIT_COMMIT} branch=${scm.GIT_BRANCH}"
                  echo readFile('README.md')
                  echo readFile('.git/config')
                }
                """, Result.SUCCESS);

        j.assertLogContains("main branch main", run);
        j.assertLogContains("hello from main", run);
        j.assertLogContains("commit=" + widget.head("main").orElseThrow().name(), run);
        j.assertLogNotContains(TOKEN, run);
        j.assertLogNotContains("jane-doe@", run);
        j.assertLogNotContains("x-bitbucket-api-token-auth@", run);
    }

    @Test
    void shouldCheckOutABranchShallowAndATag() throws Exception {
        WorkflowRun run = run("""
                node {
                  bitbucketCheckout url: '%s', credentialsId: 'bb', branch: 'release/2.x', depth: 1
                  echo readFile('RELEASE.md')
                  echo "depth=" + git('rev-list --count HEAD')
                  bitbucketCheckout repository: 'acme/widget', credentialsId: 'bb', branch: 'refs/tags/v1.0'
                  echo "tag=" + git('describe --tags')
                }
                """.formatted(bitbucket.cloneUrl("acme", "widget")), Result.SUCCESS);

        j.assertLogContains("two", run);
        j.assertLogContains("depth=1", run);
        j.assertLogContains("tag=v1.0", run);
    }

    @Test
    void shouldCheckOutWithASecretTextAccessToken() throws Exception {
        WorkflowRun run = run("""
                node {
                  bitbucketCheckout repository: 'acme/widget', credentialsId: 'access', branch: 'main'
                  echo readFile('README.md')
                }
                """, Result.SUCCESS);

        j.assertLogContains("hello from main", run);
        j.assertLogNotContains(ACCESS_TOKEN, run);
    }

    @Test
    void shouldStopAnAppPasswordWithTheDiagnosisInTheLog() throws Exception {
        WorkflowRun run = run(
                "node { bitbucketCheckout repository: 'acme/widget', credentialsId: 'legacy', branch: 'main' }",
                Result.FAILURE);

        j.assertLogContains("holds a Bitbucket app password", run);
        j.assertLogContains("removed app passwords on 2026-07-28", run);
        j.assertLogContains("read:repository:bitbucket", run);
        j.assertLogNotContains(APP_PASSWORD, run);
    }

    @Test
    void shouldEndAFailedCheckoutWithCoresDiagnosis() throws Exception {
        WorkflowRun run = run(
                "node { bitbucketCheckout repository: 'acme/missing', credentialsId: 'bb', branch: 'main' }",
                Result.FAILURE);

        j.assertLogContains("[bitbucketCheckout] Bitbucket answered 404 on", run);
        j.assertLogContains("the repository does not exist, or this credential cannot see it", run);
        j.assertLogNotContains(TOKEN, run);
    }

    @Test
    void shouldNameTheCredentialAndWhatToCheckWhenGitSaysNothingKnown() throws Exception {
        WorkflowRun run = run(
                "node { bitbucketCheckout repository: 'acme/widget', credentialsId: 'bb', branch: 'no-such-branch' }",
                Result.FAILURE);

        j.assertLogContains("[bitbucketCheckout] git could not check out acme/widget with the credential 'bb'", run);
        j.assertLogContains("x-bitbucket-api-token-auth", run);
        j.assertLogNotContains(TOKEN, run);
    }

    @Test
    void shouldWinOverAStaleCredentialHelperHoldingAnAppPasswordOnAnAgent() throws Exception {
        bitbucket.addAppPassword("jane-doe", APP_PASSWORD);
        j.createOnlineSlave(Label.get("stale"));
        URI clone = bitbucket.cloneUrl("acme", "widget");
        String stored = clone.getScheme() + "://jane-doe:" + APP_PASSWORD + "@" + clone.getAuthority() + "\\n";

        WorkflowRun run = run("""
                node('stale') {
                  // an agent whose git configuration still names a credential helper holding the old app password
                  writeFile file: 'stale-credentials', text: '%s'
                  git('init -q .')
                  git("config credential.helper \\"store --file='${pwd()}/stale-credentials'\\"")
                  bitbucketCheckout repository: 'acme/widget', credentialsId: 'bb', branch: 'main'
                  echo readFile('README.md')
                }
                """.formatted(stored), Result.SUCCESS);

        j.assertLogContains("hello from main", run);
        j.assertLogNotContains(APP_PASSWORD, run);
        assertThat(bitbucket.requestLog())
                .filteredOn(r -> r.channel() == Channel.GIT && r.secretPresented())
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.username()).contains("x-bitbucket-api-token-auth"));
    }

    @Test
    void shouldShowThatTheStaleHelperWouldWinWithPlainGit() throws Exception {
        bitbucket.addAppPassword("jane-doe", APP_PASSWORD);
        URI clone = bitbucket.cloneUrl("acme", "widget");
        String stored = clone.getScheme() + "://jane-doe:" + APP_PASSWORD + "@" + clone.getAuthority() + "\\n";

        WorkflowRun run = run("""
                node {
                  writeFile file: 'stale-credentials', text: '%s'
                  git('init -q .')
                  git("config credential.helper \\"store --file='${pwd()}/stale-credentials'\\"")
                  checkout scmGit(userRemoteConfigs: [[url: '%s', credentialsId: 'bb']], branches: [[name: 'main']])
                }
                """.formatted(stored, clone), Result.FAILURE);

        j.assertLogContains("410", run);
    }

    @Test
    void shouldListOnlyCredentialsTheStepCanUse() throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "lister");
        SystemCredentialsProvider.getInstance()
                .getCredentials()
                .add(new FileCredentialsImpl(
                        CredentialsScope.GLOBAL,
                        "file",
                        null,
                        "key.txt",
                        SecretBytes.fromBytes("not for git".getBytes(StandardCharsets.UTF_8))));
        String offered;
        try (JenkinsRule.WebClient web = j.createWebClient()) {
            WebRequest request = new WebRequest(
                    new URL(
                            j.getURL(),
                            job.getUrl() + "descriptorByName/" + BitbucketCheckoutStep.class.getName()
                                    + "/fillCredentialsIdItems"),
                    HttpMethod.POST);
            request.setRequestParameters(
                    List.of(new NameValuePair("repository", "acme/widget"), new NameValuePair("credentialsId", "")));
            web.addCrumb(request);
            offered = web.getPage(request).getWebResponse().getContentAsString();
        }

        assertThat(offered)
                .contains("\"value\":\"bb\"", "\"value\":\"legacy\"", "\"value\":\"access\"")
                .doesNotContain("\"value\":\"file\"");
    }

    @Test
    void shouldCheckOutOnAnAgent() throws Exception {
        j.createOnlineSlave(Label.get("remote"));

        WorkflowRun run = run("""
                node('remote') {
                  bitbucketCheckout repository: 'acme/widget', credentialsId: 'bb', branch: 'main'
                  echo readFile('README.md')
                }
                """, Result.SUCCESS);

        j.assertLogContains("hello from main", run);
        j.assertLogNotContains(TOKEN, run);
    }

    @Test
    void shouldRefuseARepositoryOnAnotherHost() throws Exception {
        WorkflowRun run = run(
                "node { bitbucketCheckout url: 'https://github.com/acme/widget.git', credentialsId: 'bb' }",
                Result.FAILURE);

        j.assertLogContains("is not a Bitbucket Cloud host", run);
    }

    @Test
    void shouldUpdateSubmodulesOnTheBitbucketHostWithTheStepsCredential() throws Exception {
        FakeRepository lib = bitbucket.addRepository("acme", "lib");
        ObjectId libHead = lib.commit("main", "LIB.md", "from the library", "library");
        widget.branch("with-lib", "main");
        widget.commitSubmodule("with-lib", "lib", "../lib.git", libHead);

        WorkflowRun run = run("""
                node {
                  bitbucketCheckout repository: 'acme/widget', credentialsId: 'bb', branch: 'with-lib', submodules: true
                  echo readFile('lib/LIB.md')
                }
                """, Result.SUCCESS);

        j.assertLogContains("from the library", run);
        j.assertLogNotContains(TOKEN, run);
        assertThat(bitbucket.requestLog())
                .filteredOn(r -> r.path().startsWith("/acme/lib.git/git-upload-pack"))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.username()).contains("x-bitbucket-api-token-auth"));
    }

    @Test
    void shouldRefuseASubmoduleOnAnotherHostBeforeGitContactsIt() throws Exception {
        try (CollectingServer collector = CollectingServer.start()) {
            widget.branch("collect", "main");
            widget.commitSubmodule(
                    "collect",
                    "tools",
                    collector.url("acme/lib.git"),
                    widget.head("main").orElseThrow());

            WorkflowRun run = run("""
                    node {
                      bitbucketCheckout repository: 'acme/widget', credentialsId: 'bb', branch: 'collect', submodules: true
                    }
                    """, Result.FAILURE);

            j.assertLogContains(
                    "The submodule tools points to " + collector.url("acme/lib.git")
                            + ", which is not a repository on the configured Bitbucket host",
                    run);
            j.assertLogContains("set submodules: false", run);
            assertThat(collector.received()).isEmpty();
        }
    }

    @Test
    void shouldRefuseANestedSubmoduleOnAnotherHostBehindAnAllowedOne() throws Exception {
        try (CollectingServer collector = CollectingServer.start()) {
            FakeRepository lib = bitbucket.addRepository("acme", "lib");
            lib.commit("main", "LIB.md", "from the library", "library");
            ObjectId libHead = lib.commitSubmodule(
                    "main", "deep", collector.url("deep.git"), lib.head("main").orElseThrow());
            widget.branch("nested", "main");
            widget.commitSubmodule("nested", "lib", "http://jane-doe@" + hostAndPort() + "/acme/lib.git", libHead);

            WorkflowRun run = run("""
                    node {
                      bitbucketCheckout repository: 'acme/widget', credentialsId: 'bb', branch: 'nested', submodules: true
                    }
                    """, Result.FAILURE);

            j.assertLogContains("The submodule lib/deep points to " + collector.url("deep.git"), run);
            assertThat(collector.received()).isEmpty();
        }
    }

    @Test
    void shouldPullLfsFilesOnlyFromTheRepositoryWhateverACommittedLfsconfigSays() throws Exception {
        try (CollectingServer collector = CollectingServer.start()) {
            widget.branch("lfs", "main");
            widget.commit("lfs", ".lfsconfig", "[lfs]\n\turl = " + collector.url("lfs") + "\n", "elsewhere");
            widget.commitLfsFile("lfs", "big.bin", "large content".getBytes(StandardCharsets.UTF_8));

            WorkflowRun run = run("""
                    node {
                      bitbucketCheckout repository: 'acme/widget', credentialsId: 'bb', branch: 'lfs', lfs: true
                      echo "lfs says: " + readFile('big.bin')
                    }
                    """, Result.SUCCESS);

            j.assertLogContains("lfs says: large content", run);
            assertThat(collector.received()).isEmpty();
            assertThat(bitbucket.requestLog())
                    .filteredOn(r -> r.path().equals("/acme/widget.git/info/lfs/objects/batch"))
                    .isNotEmpty()
                    .anySatisfy(r -> assertThat(r.username()).contains("x-bitbucket-api-token-auth"));
        }
    }

    @Test
    void shouldRefuseABranchThatGitCouldTakeForAnOption() throws Exception {
        WorkflowRun run = run(
                "node { bitbucketCheckout repository: 'acme/widget', credentialsId: 'bb', branch: '--upload-pack=id' }",
                Result.FAILURE);

        j.assertLogContains("is not a valid branch, tag or commit name", run);
        assertThat(bitbucket.requestLog()).isEmpty();
    }

    @Test
    void shouldPollWithASecretTextAsTheJobsBuildsFindItNeverAsSystem() throws Exception {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, Item.BUILD, Computer.BUILD, CredentialsProvider.USE_ITEM)
                .everywhere()
                .to("alice"));
        WorkflowJob job = j.createProject(WorkflowJob.class, "polled");
        QueueItemAuthenticatorConfiguration.get()
                .getAuthenticators()
                .add(new MockQueueItemAuthenticator()
                        .authenticate("polled", User.getById("alice", true).impersonate2()));
        job.setDefinition(new CpsFlowDefinition(
                "node { bitbucketCheckout repository: 'acme/widget', credentialsId: 'access', branch: 'main' }", true));
        WorkflowRun build = j.buildAndAssertSuccess(job);
        String presented = RecordedRequest.fingerprint(ACCESS_TOKEN);

        // as after a restart: the recorded checkout no longer holds the credential the build resolved
        build.reload();
        widget.commit("main", "NEW.md", "new", "a change to poll");
        bitbucket.clearLog();
        job.poll(StreamTaskListener.fromStdout());
        boolean sentWhileAllowed = bitbucket.requestLog().stream()
                .anyMatch(r -> r.secretFingerprint().equals(Optional.of(presented)));

        // alice, as whom the job runs, may no longer use the job's credentials
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, Item.BUILD, Computer.BUILD)
                .everywhere()
                .to("alice"));
        build.reload();
        bitbucket.clearLog();
        job.poll(StreamTaskListener.fromStdout());

        assertThat(sentWhileAllowed).isTrue();
        assertThat(bitbucket.requestLog()).noneMatch(r -> r.secretFingerprint().equals(Optional.of(presented)));
    }

    private String hostAndPort() {
        return URI.create(bitbucket.base()).getAuthority();
    }

    @Test
    void shouldRoundTripThroughTheSnippetGenerator() throws Exception {
        BitbucketCheckoutStep step = new BitbucketCheckoutStep();
        step.setRepository("acme/widget");
        step.setCredentialsId("bb");
        step.setBranch("release/2.x");
        step.setDepth(1);
        step.setSubmodules(true);
        step.setLfs(true);
        step.setClean(true);
        step.setTimeout(20);
        step.setChangelog(false);

        BitbucketCheckoutStep roundTripped = new StepConfigTester(j).configRoundTrip(step);

        j.assertEqualDataBoundBeans(step, roundTripped);
        assertThat(roundTripped.getRepository()).isEqualTo("acme/widget");
    }
}
