package io.jenkins.plugins.bitbucketapitoken.credentials;

import com.cloudbees.plugins.credentials.ContextInPath;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.NameWith;
import com.cloudbees.plugins.credentials.impl.BaseStandardCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.ModelObject;
import hudson.util.FormValidation;
import hudson.util.Secret;
import io.jenkins.plugins.bitbucketapitoken.BitbucketApiTokenConfiguration;
import io.jenkins.plugins.bitbucketapitoken.FormValidations;
import io.jenkins.plugins.bitbucketapitoken.JenkinsAccess;
import io.jenkins.plugins.bitbucketapitoken.Messages;
import io.jenkins.plugins.bitbucketapitoken.core.BitbucketCloud;
import io.jenkins.plugins.bitbucketapitoken.core.auth.CredentialFieldChecks;
import io.jenkins.plugins.bitbucketapitoken.core.secret.SecretClassifier;
import java.time.Clock;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** Stores an Atlassian API token with its account e-mail, optional Git username and optional expiry date. */
@NameWith(value = BitbucketApiTokenCredentials.NameProvider.class, priority = 64)
public class BitbucketApiTokenCredentialsImpl extends BaseStandardCredentials implements BitbucketApiTokenCredentials {

    private static final long serialVersionUID = 1L;

    @NonNull
    private final String email;

    @NonNull
    private final Secret token;

    @CheckForNull
    private String gitUsername;

    @CheckForNull
    private String expiry;

    /**
     * Creates the credential. Spaces and line breaks that pasting added to the token are removed.
     *
     * @param scope the scope, or {@code null} for global
     * @param id the id, or {@code null} to generate one
     * @param description the description
     * @param email the Atlassian account e-mail (REST username)
     * @param token the API token
     */
    @DataBoundConstructor
    public BitbucketApiTokenCredentialsImpl(
            @CheckForNull CredentialsScope scope,
            @CheckForNull String id,
            @CheckForNull String description,
            @CheckForNull String email,
            @CheckForNull Secret token) {
        super(scope, id, description);
        this.email = Util.fixNull(email).strip();
        this.token = Secret.fromString(SecretClassifier.withoutWhitespace(Secret.toString(token)));
    }

    @NonNull
    @Override
    public String getEmail() {
        return email;
    }

    @NonNull
    @Override
    public Secret getPassword() {
        return token;
    }

    @NonNull
    @Override
    public Secret getToken() {
        return token;
    }

    /** The Git username: the configured one, else {@code x-bitbucket-api-token-auth}. */
    @NonNull
    @Override
    public String getUsername() {
        String configured = Util.fixEmptyAndTrim(gitUsername);
        return configured == null ? BitbucketCloud.API_TOKEN_GIT_USERNAME : configured;
    }

    /** The configured Git username as entered, or {@code null} for the default; used by the form and JCasC. */
    @CheckForNull
    public String getGitUsername() {
        return Util.fixEmptyAndTrim(gitUsername);
    }

    /**
     * Sets the Git username; blank means {@code x-bitbucket-api-token-auth}.
     *
     * @param gitUsername the Bitbucket username, or blank
     */
    @DataBoundSetter
    public void setGitUsername(@CheckForNull String gitUsername) {
        this.gitUsername = Util.fixEmptyAndTrim(gitUsername);
    }

    @CheckForNull
    @Override
    public String getExpiry() {
        return expiry;
    }

    /**
     * Sets the expiry date shown for the token at id.atlassian.com.
     *
     * @param expiry the date as {@code YYYY-MM-DD}, or blank
     */
    @DataBoundSetter
    public void setExpiry(@CheckForNull String expiry) {
        this.expiry = Util.fixEmptyAndTrim(expiry);
    }

    /** The username is public: it is an e-mail or a Bitbucket username, not a secret. */
    @Override
    public boolean isUsernameSecret() {
        return false;
    }

    /** Describes the credential type and checks its form through core. */
    @Extension(ordinal = 2)
    @Symbol("bitbucketApiToken")
    public static class DescriptorImpl extends BaseStandardCredentialsDescriptor {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.BitbucketApiTokenCredentialsImpl_DisplayName();
        }

        @Override
        public String getIconClassName() {
            return "symbol-id-card";
        }

        /**
         * Checks the token: an app password, an access token or a damaged token is an error, an unknown shape a
         * warning. The value may arrive encrypted (when editing); {@link Secret#fromString} decrypts it.
         */
        @POST
        public FormValidation doCheckToken(@ContextInPath ModelObject context, @QueryParameter String value) {
            if (!JenkinsAccess.canConfigureCredentials(context)) {
                return FormValidation.ok();
            }
            return FormValidations.of(CredentialFieldChecks.checkToken(Secret.toString(Secret.fromString(value))));
        }

        /** Checks that the e-mail is present and looks like one. */
        public FormValidation doCheckEmail(@QueryParameter String value) {
            return FormValidations.of(CredentialFieldChecks.checkEmail(value));
        }

        /** Checks that the Git username is not an e-mail or a name meant for access tokens. */
        public FormValidation doCheckGitUsername(@QueryParameter String value) {
            return FormValidations.of(CredentialFieldChecks.checkGitUsername(value));
        }

        /** Checks the expiry date: past is an error, within 30 days a warning. */
        public FormValidation doCheckExpiry(@QueryParameter String value) {
            return FormValidations.of(CredentialFieldChecks.checkExpiry(value, Clock.systemUTC()));
        }

        /**
         * Checks the token against Bitbucket Cloud on both channels, with the configured base URLs, and shows what
         * works and what to do about what does not. Nothing is saved.
         */
        @POST
        public FormValidation doTestConnection(
                @ContextInPath ModelObject context,
                @QueryParameter String email,
                @QueryParameter String token,
                @QueryParameter String gitUsername,
                @QueryParameter String testRepository) {
            JenkinsAccess.checkCanConfigureCredentials(context);
            return ConnectionTest.run(
                    BitbucketApiTokenConfiguration.get().endpoints(),
                    JenkinsAccess.httpClient(),
                    email,
                    Secret.fromString(token),
                    gitUsername,
                    testRepository);
        }
    }
}
