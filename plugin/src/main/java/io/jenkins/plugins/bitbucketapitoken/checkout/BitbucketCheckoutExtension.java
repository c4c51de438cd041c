package io.jenkins.plugins.bitbucketapitoken.checkout;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Computer;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.TaskListener;
import hudson.plugins.git.GitSCM;
import hudson.plugins.git.extensions.GitSCMExtension;
import hudson.plugins.git.extensions.GitSCMExtensionDescriptor;
import hudson.security.ACL;
import io.jenkins.plugins.bitbucketapitoken.JenkinsAccess;
import io.jenkins.plugins.bitbucketapitoken.Messages;
import io.jenkins.plugins.bitbucketapitoken.core.checkout.GitEnvironment;
import java.io.IOException;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.gitclient.GitClient;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

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

    /** The derived credential of the running checkout; looked up again (by id and owner) when polling. */
    @CheckForNull
    private transient StandardUsernamePasswordCredentials derived;

    /**
     * Creates the extension for one checkout.
     *
     * @param url the clone URL
     * @param secretText the username/password form of the step's secret text, or {@code null}
     * @param owner the job that checks out, for polling lookups; {@code null} if unknown
     */
    BitbucketCheckoutExtension(
            String url, @CheckForNull StandardUsernamePasswordCredentials secretText, @CheckForNull Job<?, ?> owner) {
        this.url = url;
        this.derived = secretText;
        this.secretTextId = secretText == null ? null : secretText.getId();
        this.owner = owner == null ? null : owner.getFullName();
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
        environment.putAll(GitEnvironment.isolatingCredentialHelpers(seen));
        return null;
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

    @CheckForNull
    private StandardUsernamePasswordCredentials secretTextCredentials() {
        if (derived != null || secretTextId == null || owner == null) {
            return derived;
        }
        try (var ignored = ACL.as2(ACL.SYSTEM2)) {
            Item item = JenkinsAccess.jenkins().getItemByFullName(owner);
            if (item == null) {
                return null;
            }
            StringCredentials text = CredentialsProvider.findCredentialByIdInItem(
                    secretTextId,
                    StringCredentials.class,
                    item,
                    ACL.SYSTEM2,
                    URIRequirementBuilder.fromUri(url).build());
            if (text != null) {
                derived = StepCredential.accessTokenForGit(text);
            }
        }
        return derived;
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
                && Objects.equals(owner, other.owner);
    }

    @Override
    public int hashCode() {
        return Objects.hash(url, secretTextId, owner);
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
