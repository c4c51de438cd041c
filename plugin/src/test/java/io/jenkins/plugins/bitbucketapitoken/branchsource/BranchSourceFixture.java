package io.jenkins.plugins.bitbucketapitoken.branchsource;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.hudson.plugins.folder.computed.ComputedFolder;
import com.cloudbees.jenkins.plugins.bitbucket.BitbucketSCMNavigator;
import com.cloudbees.jenkins.plugins.bitbucket.BitbucketSCMSource;
import com.cloudbees.jenkins.plugins.bitbucket.trait.BranchDiscoveryTrait;
import com.cloudbees.jenkins.plugins.bitbucket.trait.OriginPullRequestDiscoveryTrait;
import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.Descriptor.FormException;
import hudson.model.Result;
import io.jenkins.plugins.bitbucketapitoken.core.BitbucketCloud;
import io.jenkins.plugins.bitbucketapitoken.core.auth.Channel;
import io.jenkins.plugins.bitbucketapitoken.core.testing.TestSecrets;
import io.jenkins.plugins.bitbucketapitoken.core.testing.fake.FakeBitbucket;
import io.jenkins.plugins.bitbucketapitoken.core.testing.fake.FakeRepository;
import io.jenkins.plugins.bitbucketapitoken.core.testing.fake.RecordedRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import jenkins.branch.BranchSource;
import jenkins.branch.OrganizationFolder;
import jenkins.model.JenkinsLocationConfiguration;
import jenkins.scm.api.mixin.ChangeRequestCheckoutStrategy;
import jenkins.scm.api.trait.SCMSourceTrait;
import jenkins.scm.api.trait.SCMTrait;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * Sets up a fake Bitbucket Cloud that the real bitbucket-branch-source plugin talks to, and the Jenkins items that
 * use it: multibranch projects and organization folders, each with the credential a test chooses.
 *
 * <p>The fake holds one account ({@link #EMAIL}, {@link #USERNAME}) and the workspace {@link #WORKSPACE} with three
 * repositories:
 *
 * <ul>
 *   <li>{@code widget}: branches {@code main} and {@code feature/login}, both with a {@link #JENKINSFILE}, and pull
 *       request 1 from {@code feature/login} to {@code main};
 *   <li>{@code gadget}: {@code main} with a Jenkinsfile;
 *   <li>{@code notes}: {@code main} without a Jenkinsfile.
 * </ul>
 *
 * <p>Branch-source's REST calls go to the fake through {@link FakeBitbucketApiFactory}; its Git calls go to the clone
 * links the fake's repositories advertise, which point to the fake's Git endpoint. Tokens are registered with
 * {@link #addApiToken(long)}; credentials are stored with {@link #addUsernamePassword(String, String, String)} or by
 * the test itself, and every item-making method takes the credentials id to use.
 */
public final class BranchSourceFixture implements AutoCloseable {

    /** The workspace holding every repository. */
    public static final String WORKSPACE = "acme";

    /** The Atlassian account e-mail: the REST username for its API tokens. */
    public static final String EMAIL = "jane@example.com";

    /** The Bitbucket username: the Git username for its API tokens, and the only username of an app password. */
    public static final String USERNAME = "jane-doe";

    /** The repository with two branches and a pull request. */
    public static final String WIDGET = "widget";

    /** The repository with only a main branch. */
    public static final String GADGET = "gadget";

    /** The repository without a Jenkinsfile. */
    public static final String NOTES = "notes";

    /** The branch the pull request comes from. */
    public static final String FEATURE = "feature/login";

    /** The Jenkinsfile on every branch that has one: it checks out with {@code checkout scm} and prints a file. */
    public static final String JENKINSFILE = """
            node {
              checkout scm
              echo "README says: ${readFile('README.md').trim()}"
            }
            """;

    private final JenkinsRule jenkins;
    private final FakeBitbucket bitbucket;

    private BranchSourceFixture(JenkinsRule jenkins, FakeBitbucket bitbucket) {
        this.jenkins = jenkins;
        this.bitbucket = bitbucket;
    }

    /**
     * Starts the fake, fills it, sends branch-source's REST calls to it, and gives Jenkins a root URL that
     * branch-source accepts for build statuses (an IP address: it refuses {@code localhost}).
     */
    public static BranchSourceFixture start(JenkinsRule jenkins) {
        FakeBitbucket bitbucket = FakeBitbucket.start().addAccount(EMAIL, USERNAME);
        FakeRepository widget = bitbucket.addRepository(WORKSPACE, WIDGET);
        widget.commit("main", "README.md", "widget main", "Describe the widget");
        widget.commit("main", "Jenkinsfile", JENKINSFILE, "Build with Jenkins");
        widget.branch(FEATURE, "README.md", "widget login");
        widget.pullRequest(1, FEATURE, "main", "Add a login");
        FakeRepository gadget = bitbucket.addRepository(WORKSPACE, GADGET);
        gadget.commit("main", "README.md", "gadget main", "Describe the gadget");
        gadget.commit("main", "Jenkinsfile", JENKINSFILE, "Build with Jenkins");
        bitbucket.addRepository(WORKSPACE, NOTES);

        FakeBitbucketApiFactory.get().redirectTo(bitbucket);
        JenkinsLocationConfiguration.get().setUrl(rootUrl(jenkins));
        return new BranchSourceFixture(jenkins, bitbucket);
    }

    private static String rootUrl(JenkinsRule jenkins) {
        try {
            return jenkins.getURL().toString().replace("://localhost:", "://127.0.0.1:");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns the fake, to add repositories or read its request log and build statuses. */
    public FakeBitbucket bitbucket() {
        return bitbucket;
    }

    /** Returns a repository of {@link #WORKSPACE}. */
    public FakeRepository repository(String slug) {
        return bitbucket.repository(WORKSPACE, slug).orElseThrow();
    }

    /**
     * Registers an API token of {@link #EMAIL} with every scope branch-source needs, and returns it.
     *
     * @param seed makes a different, well-formed token of 192 characters for each value
     */
    public String addApiToken(long seed) {
        String token = TestSecrets.apiToken(seed);
        bitbucket.addApiToken(EMAIL, token, FakeBitbucket.BRANCH_SOURCE_SCOPES, Optional.empty());
        return token;
    }

    /** Registers an app password of {@link #USERNAME} (which the fake answers as Bitbucket does since its removal). */
    public String addAppPassword(long seed) {
        String password = TestSecrets.appPassword(seed);
        bitbucket.addAppPassword(USERNAME, password);
        return password;
    }

    /** Stores a global username/password credential. */
    public void addUsernamePassword(String id, String username, String password) throws IOException {
        try {
            addCredentials(new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, id, null, username, password));
        } catch (FormException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Stores any global credential. */
    public void addCredentials(Credentials credentials) throws IOException {
        SystemCredentialsProvider provider = SystemCredentialsProvider.getInstance();
        provider.getCredentials().add(credentials);
        provider.save();
    }

    /** Returns the traits every source and navigator here uses: all branches, and origin pull requests as they are. */
    public static List<SCMSourceTrait> traits() {
        return List.of(
                new BranchDiscoveryTrait(true, true),
                new OriginPullRequestDiscoveryTrait(EnumSet.of(ChangeRequestCheckoutStrategy.HEAD)));
    }

    /** Makes a branch source for a repository of {@link #WORKSPACE}. */
    public static BitbucketSCMSource source(String repository, String credentialsId) {
        BitbucketSCMSource source = new BitbucketSCMSource(WORKSPACE, repository);
        source.setCredentialsId(credentialsId);
        source.setTraits(traits());
        return source;
    }

    /** Makes a navigator over {@link #WORKSPACE}. */
    public static BitbucketSCMNavigator navigator(String credentialsId) {
        BitbucketSCMNavigator navigator = new BitbucketSCMNavigator(WORKSPACE);
        navigator.setCredentialsId(credentialsId);
        navigator.setTraits(List.<SCMTrait<? extends SCMTrait<?>>>copyOf(traits()));
        return navigator;
    }

    /** Creates a multibranch project over one repository; it is not indexed yet. */
    public WorkflowMultiBranchProject multibranchProject(String name, String repository, String credentialsId)
            throws IOException {
        WorkflowMultiBranchProject project = jenkins.createProject(WorkflowMultiBranchProject.class, name);
        project.getSourcesList().add(new BranchSource(source(repository, credentialsId)));
        return project;
    }

    /** Creates an organization folder over {@link #WORKSPACE}; it is not scanned yet. */
    public OrganizationFolder organizationFolder(String name, String credentialsId) throws IOException {
        OrganizationFolder folder = jenkins.createProject(OrganizationFolder.class, name);
        folder.getNavigators().add(navigator(credentialsId));
        return folder;
    }

    /** Indexes a multibranch project or scans an organization folder, then waits until every build it caused ends. */
    public void index(ComputedFolder<?> folder) throws Exception {
        folder.scheduleBuild2(0).getFuture().get();
        jenkins.waitUntilNoActivity();
    }

    /** Returns the log of the last indexing or scan. */
    public static String indexingLog(ComputedFolder<?> folder) throws IOException {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        folder.getComputation().getLogText().writeLogTo(0, log);
        return log.toString(StandardCharsets.UTF_8);
    }

    /** Returns the last build of a branch's job, asserting that it exists and succeeded. */
    public WorkflowRun successfulBuild(WorkflowMultiBranchProject project, String branch) throws Exception {
        WorkflowJob job = project.getItemByBranchName(branch);
        assertThat(job).as("job for %s", branch).isNotNull();
        WorkflowRun run = job.getLastBuild();
        assertThat(run).as("build of %s", branch).isNotNull();
        jenkins.assertBuildStatus(Result.SUCCESS, run);
        return run;
    }

    /**
     * Asserts that every REST call sent the e-mail with the token and was let in, that Git calls with a secret sent
     * the given username and fetched, and that no URL held the token.
     */
    public void assertRestUsedTheEmailAndGitUsed(String token, String gitUsername) {
        List<RecordedRequest> log = bitbucket.requestLog();
        assertThat(log)
                .filteredOn(r -> r.channel() == Channel.REST)
                .isNotEmpty()
                .allSatisfy(r -> {
                    assertThat(r.username()).contains(EMAIL);
                    assertThat(r.presented(token)).isTrue();
                    assertThat(r.status()).isNotIn(401, 403);
                });
        assertThat(log)
                .filteredOn(r -> r.channel() == Channel.GIT && r.secretPresented())
                .isNotEmpty()
                .allSatisfy(r -> {
                    assertThat(r.username()).contains(gitUsername);
                    assertThat(r.presented(token)).isTrue();
                })
                .anyMatch(r -> r.isGitService(BitbucketCloud.GIT_UPLOAD_PACK) && r.status() == 200);
        assertThat(log).extracting(RecordedRequest::path).noneMatch(path -> path.contains(token));
    }

    /** Stops redirecting and stops the fake. */
    @Override
    public void close() {
        FakeBitbucketApiFactory.get().stopRedirecting();
        bitbucket.close();
    }
}
