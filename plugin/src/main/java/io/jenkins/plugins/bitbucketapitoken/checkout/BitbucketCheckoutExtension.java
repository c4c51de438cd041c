package io.jenkins.plugins.bitbucketapitoken.checkout;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernameCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Computer;
import hudson.model.Job;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.queue.Tasks;
import hudson.plugins.git.GitSCM;
import hudson.plugins.git.extensions.GitSCMExtension;
import hudson.plugins.git.extensions.GitSCMExtensionDescriptor;
import hudson.security.ACL;
import io.jenkins.plugins.bitbucketapitoken.BitbucketApiTokenConfiguration;
import io.jenkins.plugins.bitbucketapitoken.JenkinsAccess;
import io.jenkins.plugins.bitbucketapitoken.Messages;
import io.jenkins.plugins.bitbucketapitoken.core.checkout.GitEnvironment;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.gitclient.GitClient;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.springframework.security.core.Authentication;

/**
 * Scopes what a {@code bitbucketCheckout} needs to the Git plugin client of that one checkout (and of polling the
 * same configuration): the environment that keeps credential helpers on the agent out of the way, and, for a
 * secret text access token, its username/password form with {@code x-token-auth}. Nothing is registered globally
 * and no other git client or credential lookup sees either.
 *
 * <p>The Git plugin hands the environment it will give git to {@link #getWorkingDirectory} first and to the client
 * right after, so adding to it there reaches exactly this client. Polling without a workspace does not pass
 * through that method: see docs/checkout.md.
 */
public final class BitbucketCheckoutExtension extends GitSCMExtension {

    private static final Logger LOGGER = Logger.getLogger(BitbucketCheckoutExtension.class.getName());
    private static final GitSCMExtensionDescriptor DESCRIPTOR = new DescriptorImpl();

    private final String url;

    @CheckForNull
    private final String secretTextId;

    @CheckForNull
    private final String owner;

    /** The username/password credential the Git plugin hands git for the URL; {@code null} for a secret text. */
    @CheckForNull
    private final String credentialsId;

    /** Whether submodules are updated, each checked first (see {@link Submodules}). */
    private final boolean submodules;

    /** Whether Git LFS files are pulled: the LFS endpoint is then pinned to the repository's own. */
    private final boolean lfs;

    @CheckForNull
    private final Integer timeoutMinutes;

    /** The derived credential of the running checkout; looked up again (by id and owner) for each poll. */
    @CheckForNull
    private transient StandardUsernamePasswordCredentials derived;

    /**
     * Creates the extension for one checkout.
     *
     * @param url the clone URL
     * @param secretText the username/password form of the step's secret text, or {@code null}
     * @param owner the job that checks out, for polling lookups; {@code null} if unknown
     * @param credentialsId the username/password credential the Git plugin uses, or {@code null}
     * @param submodules whether to update submodules
     * @param lfs whether Git LFS files are pulled
     * @param timeoutMinutes how long git may take, or {@code null} for the Git plugin's default
     */
    BitbucketCheckoutExtension(
            String url,
            @CheckForNull StandardUsernamePasswordCredentials secretText,
            @CheckForNull Job<?, ?> owner,
            @CheckForNull String credentialsId,
            boolean submodules,
            boolean lfs,
            @CheckForNull Integer timeoutMinutes) {
        this.url = url;
        this.derived = secretText;
        this.secretTextId = secretText == null ? null : secretText.getId();
        this.owner = owner == null ? null : owner.getFullName();
        this.credentialsId = credentialsId;
        this.submodules = submodules;
        this.lfs = lfs;
        this.timeoutMinutes = timeoutMinutes;
    }

    /** Adds the credential-helper isolation to the environment of this checkout's git client; moves nothing. */
    @Override
    public FilePath getWorkingDirectory(
            GitSCM scm, Job<?, ?> context, FilePath workspace, EnvVars environment, TaskListener listener) {
        EnvVars seen = new EnvVars(environment);
        if (!seen.containsKey(GitEnvironment.CONFIG_PARAMETERS)) {
            agentValue(workspace, GitEnvironment.CONFIG_PARAMETERS)
                    .ifPresent(value -> seen.put(GitEnvironment.CONFIG_PARAMETERS, value));
        }
        environment.putAll(GitEnvironment.isolatingCredentialHelpers(
                seen, lfs ? java.util.Optional.of(URI.create(url)) : java.util.Optional.empty()));
        return null;
    }

    /**
     * Updates submodules when the step asks for them: only those on the configured Bitbucket host get the
     * credential, and one elsewhere fails the checkout before git contacts it.
     */
    @Override
    public void onCheckoutCompleted(GitSCM scm, Run<?, ?> build, GitClient git, TaskListener listener)
            throws IOException, InterruptedException {
        if (!submodules) {
            return;
        }
        StandardCredentials credential = secretTextId != null ? secretTextCredentials() : usernameCredentials(build);
        new Submodules(BitbucketApiTokenConfiguration.get().endpoints(), credential, timeoutMinutes)
                .update(git, listener);
    }

    /** The credential the Git plugin hands git for the URL, looked up as the Git plugin does. */
    @CheckForNull
    private StandardUsernameCredentials usernameCredentials(Run<?, ?> build) {
        if (credentialsId == null) {
            return null;
        }
        StandardUsernameCredentials c = CredentialsProvider.findCredentialById(
                credentialsId,
                StandardUsernameCredentials.class,
                build,
                URIRequirementBuilder.fromUri(url).build());
        return c != null && GitClient.CREDENTIALS_MATCHER.matches(c) ? c : null;
    }

    /** Hands a secret text access token to git as {@code x-token-auth} for the step's URL. */
    @Override
    public GitClient decorate(GitSCM scm, GitClient git) {
        StandardUsernamePasswordCredentials credentials = secretTextCredentials();
        if (credentials != null) {
            git.addCredentials(url, credentials);
        }
        return git;
    }

    /**
     * The username/password form of the step's secret text: the one the running checkout resolved, else (when
     * polling) the secret text looked up again as the job's builds look it up, with the last build's
     * authentication, or the job's when it has no build; never as SYSTEM. The use is tracked. A lookup for polling
     * is not kept: the next poll looks again, so a permission taken away in between counts.
     */
    @CheckForNull
    private StandardUsernamePasswordCredentials secretTextCredentials() {
        if (derived != null || secretTextId == null || owner == null) {
            return derived;
        }
        Job<?, ?> job;
        try (var ignored = ACL.as2(ACL.SYSTEM2)) {
            job = JenkinsAccess.jenkins().getItemByFullName(owner, Job.class);
        }
        if (job == null) {
            return null;
        }
        List<DomainRequirement> domain = URIRequirementBuilder.fromUri(url).build();
        Run<?, ?> last = job.getLastBuild();
        StringCredentials text;
        if (last != null) {
            text = CredentialsProvider.findCredentialById(secretTextId, StringCredentials.class, last, domain);
        } else {
            Authentication as = job instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
            text = CredentialsProvider.findCredentialByIdInItem(secretTextId, StringCredentials.class, job, as, domain);
        }
        if (text == null) {
            return null;
        }
        if (last != null) {
            CredentialsProvider.track(last, text);
        } else {
            CredentialsProvider.track(job, text);
        }
        return StepCredential.accessTokenForGit(text);
    }

    private static java.util.Optional<String> agentValue(FilePath workspace, String name) {
        Computer computer = workspace == null ? null : workspace.toComputer();
        if (computer == null) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.ofNullable(computer.getEnvironment().get(name));
        } catch (IOException e) {
            LOGGER.log(Level.FINE, "Could not read the environment of " + computer.getName(), e);
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }

    /** Not offered in any form: the step adds it by itself. */
    @Override
    public GitSCMExtensionDescriptor getDescriptor() {
        return DESCRIPTOR;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BitbucketCheckoutExtension other
                && url.equals(other.url)
                && Objects.equals(secretTextId, other.secretTextId)
                && Objects.equals(owner, other.owner)
                && Objects.equals(credentialsId, other.credentialsId)
                && submodules == other.submodules
                && lfs == other.lfs
                && Objects.equals(timeoutMinutes, other.timeoutMinutes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(url, secretTextId, owner, credentialsId, submodules, lfs, timeoutMinutes);
    }

    @Override
    public String toString() {
        return "BitbucketCheckoutExtension[" + url + ", secretTextId=" + secretTextId + "]";
    }

    /** Describes the extension without registering it, so it is never offered in a Git configuration form. */
    static final class DescriptorImpl extends GitSCMExtensionDescriptor {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.BitbucketCheckoutExtension_DisplayName();
        }
    }
}
