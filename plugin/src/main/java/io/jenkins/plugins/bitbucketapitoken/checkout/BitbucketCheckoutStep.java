package io.jenkins.plugins.bitbucketapitoken.checkout;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.plugins.git.BranchSpec;
import hudson.plugins.git.GitSCM;
import hudson.plugins.git.UserRemoteConfig;
import hudson.plugins.git.extensions.GitSCMExtension;
import hudson.plugins.git.extensions.impl.CheckoutOption;
import hudson.plugins.git.extensions.impl.CleanBeforeCheckout;
import hudson.plugins.git.extensions.impl.CloneOption;
import hudson.plugins.git.extensions.impl.GitLFSPull;
import hudson.plugins.git.extensions.impl.LocalBranch;
import hudson.plugins.git.extensions.impl.SparseCheckoutPath;
import hudson.plugins.git.extensions.impl.SparseCheckoutPaths;
import hudson.scm.SCM;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.bitbucketapitoken.BitbucketApiTokenConfiguration;
import io.jenkins.plugins.bitbucketapitoken.FormValidations;
import io.jenkins.plugins.bitbucketapitoken.Messages;
import io.jenkins.plugins.bitbucketapitoken.core.Validated;
import io.jenkins.plugins.bitbucketapitoken.core.checkout.CheckoutOptions;
import io.jenkins.plugins.bitbucketapitoken.core.checkout.CheckoutPlan;
import io.jenkins.plugins.bitbucketapitoken.core.checkout.CheckoutPlanner;
import io.jenkins.plugins.bitbucketapitoken.core.checkout.Revision;
import io.jenkins.plugins.bitbucketapitoken.core.checkout.RevisionKind;
import io.jenkins.plugins.bitbucketapitoken.core.repo.BitbucketEndpoints;
import io.jenkins.plugins.bitbucketapitoken.core.repo.RepositoryReferences;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.scm.SCMStep;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * Checks out a Bitbucket Cloud repository with an API token (or a username with password, or a secret text access
 * token), with a Git plugin {@link GitSCM} underneath so changelog, polling and retries work as with {@code git}.
 *
 * <pre>
 * def scm = bitbucketCheckout repository: 'acme/widget', credentialsId: 'bb-token'
 * bitbucketCheckout url: 'https://bitbucket.org/acme/widget.git', credentialsId: 'bb-token',
 *                   branch: 'release/2.x', depth: 1, submodules: true, lfs: true
 * </pre>
 */
public class BitbucketCheckoutStep extends SCMStep {

    @CheckForNull
    private String repository;

    @CheckForNull
    private String url;

    @CheckForNull
    private String credentialsId;

    @CheckForNull
    private String branch;

    @CheckForNull
    private Integer depth;

    private boolean submodules;
    private boolean lfs;
    private boolean clean;
    private List<String> sparseCheckoutPaths = List.of();

    @CheckForNull
    private Integer timeout;

    /** The main branch read from the REST API when no branch was given; set by the execution. */
    @CheckForNull
    private transient Revision resolvedRevision;

    /** The username/password form of a secret text credential, for this checkout only; set by the execution. */
    @CheckForNull
    private transient StandardUsernamePasswordCredentials secretTextForGit;

    /** The job that checks out, so that polling can find a secret text again; set by the execution. */
    @CheckForNull
    private transient Job<?, ?> owner;

    /** Creates the step; every option is a named parameter. */
    @DataBoundConstructor
    public BitbucketCheckoutStep() {}

    @CheckForNull
    public String getRepository() {
        return repository;
    }

    /** @param repository {@code workspace/slug}; give this or {@code url} */
    @DataBoundSetter
    public void setRepository(@CheckForNull String repository) {
        this.repository = Util.fixEmptyAndTrim(repository);
    }

    @CheckForNull
    public String getUrl() {
        return url;
    }

    /** @param url the repository URL in any form (https, ssh, browser); the checkout always uses https */
    @DataBoundSetter
    public void setUrl(@CheckForNull String url) {
        this.url = Util.fixEmptyAndTrim(url);
    }

    @CheckForNull
    public String getCredentialsId() {
        return credentialsId;
    }

    /** @param credentialsId a Bitbucket API token, username with password, or secret text access token */
    @DataBoundSetter
    public void setCredentialsId(@CheckForNull String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    @CheckForNull
    public String getBranch() {
        return branch;
    }

    /** @param branch a branch, {@code refs/tags/...} or a commit; empty for the main branch */
    @DataBoundSetter
    public void setBranch(@CheckForNull String branch) {
        this.branch = Util.fixEmptyAndTrim(branch);
    }

    @CheckForNull
    public Integer getDepth() {
        return depth;
    }

    /** @param depth the shallow clone depth; empty for the full history */
    @DataBoundSetter
    public void setDepth(@CheckForNull Integer depth) {
        this.depth = depth;
    }

    public boolean isSubmodules() {
        return submodules;
    }

    /** @param submodules update submodules recursively with the same credential */
    @DataBoundSetter
    public void setSubmodules(boolean submodules) {
        this.submodules = submodules;
    }

    public boolean isLfs() {
        return lfs;
    }

    /** @param lfs pull Git LFS files */
    @DataBoundSetter
    public void setLfs(boolean lfs) {
        this.lfs = lfs;
    }

    public boolean isClean() {
        return clean;
    }

    /** @param clean clean the workspace before checkout */
    @DataBoundSetter
    public void setClean(boolean clean) {
        this.clean = clean;
    }

    @NonNull
    public List<String> getSparseCheckoutPaths() {
        return sparseCheckoutPaths;
    }

    /** @param sparseCheckoutPaths paths to check out; empty for all */
    @DataBoundSetter
    public void setSparseCheckoutPaths(@CheckForNull List<String> sparseCheckoutPaths) {
        this.sparseCheckoutPaths = sparseCheckoutPaths == null ? List.of() : List.copyOf(sparseCheckoutPaths);
    }

    @CheckForNull
    public Integer getTimeout() {
        return timeout;
    }

    /** @param timeout minutes git may take for fetch and checkout */
    @DataBoundSetter
    public void setTimeout(@CheckForNull Integer timeout) {
        this.timeout = timeout;
    }

    /** Collects the options as core takes them. */
    CheckoutOptions options() {
        return new CheckoutOptions(
                repository != null ? repository : Util.fixNull(url),
                Optional.ofNullable(branch),
                depth == null ? OptionalInt.empty() : OptionalInt.of(depth),
                submodules,
                lfs,
                clean,
                sparseCheckoutPaths,
                timeout == null ? OptionalInt.empty() : OptionalInt.of(timeout));
    }

    /** Plans the checkout through core with the configured Bitbucket endpoints. */
    Validated<CheckoutPlan> plan() {
        return CheckoutPlanner.plan(
                options(), BitbucketApiTokenConfiguration.get().endpoints());
    }

    void resolveRevision(Revision revision) {
        this.resolvedRevision = revision;
    }

    void useForCheckout(@CheckForNull StandardUsernamePasswordCredentials secretTextForGit, Job<?, ?> owner) {
        this.secretTextForGit = secretTextForGit;
        this.owner = owner;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new BitbucketCheckoutExecution(this, context);
    }

    /** Builds the Git plugin configuration from core's plan: clean URL, narrow refspec, options as extensions. */
    @NonNull
    @Override
    protected SCM createSCM() {
        CheckoutPlan plan = plan().orElseThrow();
        Revision revision = plan.revision()
                .or(() -> Optional.ofNullable(resolvedRevision))
                .orElseThrow(() -> new IllegalStateException("the main branch was not resolved before checkout"));
        Integer gitTimeout =
                plan.timeoutMinutes().isPresent() ? plan.timeoutMinutes().getAsInt() : null;
        List<GitSCMExtension> extensions = new ArrayList<>();
        CloneOption clone =
                new CloneOption(plan.depth().isPresent(), revision.kind() != RevisionKind.TAG, null, gitTimeout);
        clone.setHonorRefspec(true);
        if (plan.depth().isPresent()) {
            clone.setDepth(plan.depth().getAsInt());
        }
        extensions.add(clone);
        if (gitTimeout != null) {
            extensions.add(new CheckoutOption(gitTimeout));
        }
        if (revision.kind() == RevisionKind.BRANCH) {
            extensions.add(new LocalBranch(revision.name()));
        }
        // submodules are not the Git plugin's SubmoduleOption: it would hand the credential to any URL .gitmodules
        // names; the extension below updates them, each checked against the configured Bitbucket host first
        if (plan.lfs()) {
            extensions.add(new GitLFSPull());
        }
        if (plan.clean()) {
            extensions.add(new CleanBeforeCheckout());
        }
        if (!plan.sparseCheckoutPaths().isEmpty()) {
            extensions.add(new SparseCheckoutPaths(plan.sparseCheckoutPaths().stream()
                    .map(SparseCheckoutPath::new)
                    .toList()));
        }
        String cloneUrl = plan.repository().cloneUrl().toString();
        // a secret text is handed to git by the extension; the Git plugin only looks up username credentials
        String gitCredentialsId = secretTextForGit == null ? credentialsId : null;
        extensions.add(new BitbucketCheckoutExtension(
                cloneUrl, secretTextForGit, owner, gitCredentialsId, plan.submodules(), plan.lfs(), gitTimeout));
        UserRemoteConfig remote = new UserRemoteConfig(cloneUrl, "origin", revision.refspec(), gitCredentialsId);
        return new GitSCM(List.of(remote), List.of(new BranchSpec(revision.branchSpec())), null, null, extensions);
    }

    /** Describes the step for Pipeline and the Snippet Generator. */
    @Extension
    @Symbol("bitbucketCheckout")
    public static final class DescriptorImpl extends SCMStepDescriptor {

        @Override
        public String getFunctionName() {
            return "bitbucketCheckout";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.BitbucketCheckoutStep_DisplayName();
        }

        /**
         * Lists the credentials the step can use for the repository: Bitbucket API tokens and other username/password
         * credentials, and secret texts (access tokens), as the job itself would see them.
         */
        @POST
        public ListBoxModel doFillCredentialsIdItems(
                @AncestorInPath Item item,
                StaplerRequest2 request,
                @QueryParameter("credentialsId") String converted,
                @QueryParameter("repository") String convertedRepository,
                @QueryParameter("url") String convertedUrl) {
            // the annotated parameters tell the form what the list depends on; the values are read raw, never
            // decrypted (see FormValidations.raw)
            String credentialsId = Util.fixNull(FormValidations.raw(request, "credentialsId"));
            String repository = FormValidations.raw(request, "repository");
            String url = FormValidations.raw(request, "url");
            StandardListBoxModel result = new StandardListBoxModel();
            if (item == null || !item.hasPermission(Item.EXTENDED_READ)) {
                return result.includeCurrentValue(credentialsId);
            }
            List<DomainRequirement> domain = URIRequirementBuilder.fromUri(
                            cloneUrl(Util.fixEmptyAndTrim(repository) != null ? repository : url))
                    .build();
            var authentication = item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
            result.includeEmptyValue();
            result.includeMatchingAs(
                    authentication,
                    item,
                    StandardCredentials.class,
                    domain,
                    CredentialsMatchers.anyOf(
                            CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class),
                            CredentialsMatchers.instanceOf(StringCredentials.class)));
            return result.includeCurrentValue(credentialsId);
        }

        private static String cloneUrl(@CheckForNull String reference) {
            BitbucketEndpoints endpoints = BitbucketApiTokenConfiguration.get().endpoints();
            return RepositoryReferences.parse(Util.fixNull(reference), endpoints)
                    .value()
                    .map(ref -> ref.cloneUrl().toString())
                    .orElse(endpoints.gitUrl().toString());
        }

        /** Checks a {@code workspace/slug} through core. */
        public FormValidation doCheckRepository(StaplerRequest2 request) {
            String value = FormValidations.raw(request, "value");
            return Util.fixEmptyAndTrim(value) == null ? FormValidation.ok() : check(value);
        }

        /** Checks a repository URL through core, and warns when a repository is given too. */
        public FormValidation doCheckUrl(StaplerRequest2 request, @QueryParameter("repository") String converted) {
            String value = FormValidations.raw(request, "value");
            String repository = FormValidations.raw(request, "repository");
            if (Util.fixEmptyAndTrim(value) == null) {
                return FormValidation.ok();
            }
            if (Util.fixEmptyAndTrim(repository) != null) {
                return FormValidation.warning(Messages.BitbucketCheckoutStep_repositoryAndUrl());
            }
            return check(value);
        }

        /** Checks a branch, tag or commit through core. */
        public FormValidation doCheckBranch(StaplerRequest2 request) {
            String value = FormValidations.raw(request, "value");
            return Util.fixEmptyAndTrim(value) == null
                    ? FormValidation.ok()
                    : FormValidations.of(Revision.parse(value).problems());
        }

        private static FormValidation check(String reference) {
            BitbucketEndpoints endpoints = BitbucketApiTokenConfiguration.get().endpoints();
            return FormValidations.of(
                    RepositoryReferences.parse(reference, endpoints).problems());
        }
    }
}
