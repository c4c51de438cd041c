package io.jenkins.plugins.bitbucketapitoken.checkout;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.model.EnvironmentContributor;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.bitbucketapitoken.core.checkout.GitEnvironment;

/**
 * Adds core's credential-helper isolation to the environment the Git plugin gives git, for a
 * {@code bitbucketCheckout} only: a credential manager on the agent holding an old app password must not win over
 * the step's credential. Other steps and builds are untouched.
 */
@Extension
public class GitIsolationEnvironment extends EnvironmentContributor {

    @Override
    public void buildEnvironmentFor(@NonNull Run r, @NonNull EnvVars envs, @NonNull TaskListener listener) {
        if (CheckoutScope.forRun(r).isPresent()) {
            envs.putAll(GitEnvironment.isolatingCredentialHelpers(envs));
        }
    }
}
