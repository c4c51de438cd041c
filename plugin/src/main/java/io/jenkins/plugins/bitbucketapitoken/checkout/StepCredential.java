package io.jenkins.plugins.bitbucketapitoken.checkout;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.model.Descriptor;
import hudson.model.Run;
import io.jenkins.plugins.bitbucketapitoken.PlainSecrets;
import io.jenkins.plugins.bitbucketapitoken.core.BitbucketCloud;
import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.Problem;
import io.jenkins.plugins.bitbucketapitoken.core.auth.Credential;
import io.jenkins.plugins.bitbucketapitoken.core.auth.SecretValue;
import io.jenkins.plugins.bitbucketapitoken.core.checkout.CheckoutCredential;
import io.jenkins.plugins.bitbucketapitoken.core.checkout.CheckoutPlan;
import io.jenkins.plugins.bitbucketapitoken.credentials.BitbucketApiTokenCredentials;
import java.util.List;
import java.util.Optional;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * The step's credential as core sees it: found as the Git plugin would find it for this run, judged by core before
 * git runs, and, for a secret text, turned into the username/password form the Git plugin needs.
 *
 * @param core the credential for core's REST calls and diagnosis; empty when the step has no credential
 * @param derived the username/password form of a secret text; empty otherwise
 * @param notes warnings for the build log
 */
record StepCredential(
        Optional<Credential> core, Optional<StandardUsernamePasswordCredentials> derived, List<Problem> notes) {

    /**
     * Finds the step's credential as the Git plugin would find it for this run.
     *
     * @return the credential, or {@code null} when the step names none
     * @throws AbortException when no credential with that id is visible to the job
     */
    @CheckForNull
    static StandardCredentials find(Run<?, ?> run, @CheckForNull String credentialsId, CheckoutPlan plan)
            throws AbortException {
        if (credentialsId == null) {
            return null;
        }
        StandardCredentials found = CredentialsProvider.findCredentialById(
                credentialsId,
                StandardCredentials.class,
                run,
                URIRequirementBuilder.fromUri(plan.repository().cloneUrl().toString())
                        .build());
        if (found == null) {
            throw BitbucketCheckoutExecution.abort(Message.CHECKOUT_CREDENTIAL_NOT_FOUND.problem(credentialsId));
        }
        return found;
    }

    /**
     * Judges the credential the step found through core, before git runs.
     *
     * @param run the build, whose use of a secret text is tracked
     * @param credentialsId the id the step names
     * @param found what {@link #find} found, or {@code null}
     * @return the credential as core and git see it
     * @throws AbortException when core refuses it (an app password, a credential kind the step cannot use)
     */
    static StepCredential resolve(
            Run<?, ?> run, @CheckForNull String credentialsId, @CheckForNull StandardCredentials found)
            throws AbortException {
        if (credentialsId == null || found == null) {
            return new StepCredential(Optional.empty(), Optional.empty(), List.of());
        }
        CheckoutCredential.Decision decision = decide(credentialsId, found);
        if (decision.blocks()) {
            throw BitbucketCheckoutExecution.abort(decision.problems().stream()
                    .filter(Problem::isError)
                    .findFirst()
                    .orElseThrow());
        }
        String secret = PlainSecrets.of(found).orElse("");
        Credential core = new Credential(decision.identity(), SecretValue.ofPasted(secret));
        Optional<StandardUsernamePasswordCredentials> derived = found instanceof StringCredentials text
                ? Optional.of(derive(text, decision.gitUsername(), secret))
                : Optional.empty();
        // the Git plugin finds the other kinds by id itself and tracks their use; a secret text it cannot use
        if (derived.isPresent()) {
            CredentialsProvider.track(run, found);
        }
        return new StepCredential(Optional.of(core), derived, decision.problems());
    }

    private static CheckoutCredential.Decision decide(String id, StandardCredentials found) throws AbortException {
        if (found instanceof BitbucketApiTokenCredentials token) {
            return CheckoutCredential.decide(
                    id,
                    CheckoutCredential.Type.API_TOKEN_CREDENTIAL,
                    Optional.of(token.getUsername()),
                    Optional.of(token.getEmail()),
                    token.getToken().getPlainText());
        }
        if (found instanceof StandardUsernamePasswordCredentials userPass) {
            return CheckoutCredential.decide(
                    id,
                    CheckoutCredential.Type.USERNAME_PASSWORD,
                    Optional.of(userPass.getUsername()),
                    Optional.empty(),
                    userPass.getPassword().getPlainText());
        }
        if (found instanceof StringCredentials text) {
            return CheckoutCredential.decide(
                    id,
                    CheckoutCredential.Type.SECRET_TEXT,
                    Optional.empty(),
                    Optional.empty(),
                    text.getSecret().getPlainText());
        }
        throw BitbucketCheckoutExecution.abort(Message.CHECKOUT_UNSUPPORTED_CREDENTIAL.problem(
                id, found.getClass().getSimpleName()));
    }

    /**
     * Turns a secret text access token into the username/password form git takes, with {@code x-token-auth}.
     *
     * @param text the secret text
     * @return its username/password form, never stored
     */
    static StandardUsernamePasswordCredentials accessTokenForGit(StringCredentials text) {
        try {
            return derive(
                    text,
                    BitbucketCloud.ACCESS_TOKEN_GIT_USERNAME,
                    text.getSecret().getPlainText());
        } catch (AbortException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static StandardUsernamePasswordCredentials derive(StringCredentials text, String username, String secret)
            throws AbortException {
        try {
            UsernamePasswordCredentialsImpl derived = new UsernamePasswordCredentialsImpl(
                    text.getScope(), text.getId(), text.getDescription(), username, secret);
            derived.setUsernameSecret(false);
            return derived;
        } catch (Descriptor.FormException e) {
            // the message names the credential's rule (e.g. FIPS length), never the secret
            throw new AbortException(BitbucketCheckoutExecution.PREFIX + e.getMessage());
        }
    }
}
