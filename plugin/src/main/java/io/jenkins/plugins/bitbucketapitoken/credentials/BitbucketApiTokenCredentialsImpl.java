package io.jenkins.plugins.bitbucketapitoken.credentials;

import com.cloudbees.plugins.credentials.ContextInPath;
import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.NameWith;
import com.cloudbees.plugins.credentials.impl.BaseStandardCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Descriptor.FormException;
import hudson.model.ModelObject;
import hudson.util.FormValidation;
import hudson.util.Secret;
import io.jenkins.plugins.bitbucketapitoken.BitbucketApiTokenConfiguration;
import io.jenkins.plugins.bitbucketapitoken.FormValidations;
import io.jenkins.plugins.bitbucketapitoken.JenkinsAccess;
import io.jenkins.plugins.bitbucketapitoken.Messages;
import io.jenkins.plugins.bitbucketapitoken.core.BitbucketCloud;
import io.jenkins.plugins.bitbucketapitoken.core.Problem;
import io.jenkins.plugins.bitbucketapitoken.core.auth.CredentialFieldChecks;
import io.jenkins.plugins.bitbucketapitoken.core.auth.TokenExpiry;
import io.jenkins.plugins.bitbucketapitoken.core.secret.SecretClassifier;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
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
     * Creates the credential. Spaces and line breaks that pasting added to the token are removed. The same checks as
     * the form's refuse what can never work, whichever way the credential is created (form, REST, CLI, JCasC,
     * script): an app password, an access token, a damaged or empty token, a missing or malformed e-mail.
     *
     * @param scope the scope, or {@code null} for global
     * @param id the id, or {@code null} to generate one
     * @param description the description
     * @param email the Atlassian account e-mail (REST username)
     * @param token the API token
     * @throws FormException naming the field and saying what is wrong and what to do
     */
    @DataBoundConstructor
    public BitbucketApiTokenCredentialsImpl(
            @CheckForNull CredentialsScope scope,
            @CheckForNull String id,
            @CheckForNull String description,
            @CheckForNull String email,
            @CheckForNull Secret token)
            throws FormException {
        super(scope, id, description);
        this.email = Util.fixNull(email).strip();
        String plain = SecretClassifier.withoutWhitespace(Secret.toString(token));
        refuse(CredentialFieldChecks.checkEmail(this.email), "email");
        refuse(CredentialFieldChecks.checkToken(plain), "token");
        this.token = Secret.fromString(plain);
    }

    /** Copies a credential as it is, without the checks: a snapshot must never fail on what is already stored. */
    private BitbucketApiTokenCredentialsImpl(BitbucketApiTokenCredentials source) {
        super(source.getScope(), source.getId(), source.getDescription());
        this.email = source.getEmail();
        this.token = source.getToken();
        String git = source.getUsername();
        this.gitUsername = BitbucketCloud.API_TOKEN_GIT_USERNAME.equals(git) ? null : git;
        this.expiry = source.getExpiry();
    }

    /**
     * Copies any implementation of the credential type into this self-contained one, for snapshots to agents.
     *
     * @param source the credential to copy
     * @return the copy
     */
    static BitbucketApiTokenCredentialsImpl copyOf(BitbucketApiTokenCredentials source) {
        return new BitbucketApiTokenCredentialsImpl(source);
    }

    /** Throws the first error of a field's check, as the form shows it. */
    static void refuse(List<Problem> problems, String field) throws FormException {
        Optional<Problem> error = problems.stream().filter(Problem::isError).findFirst();
        if (error.isPresent()) {
            throw new FormException(error.get().describe(FormValidations.requestLocale()), field);
        }
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
        String name = Util.fixEmptyAndTrim(gitUsername);
        CredentialFieldChecks.checkGitUsername(name).stream()
                .filter(Problem::isError)
                .findFirst()
                .ifPresent(error -> {
                    throw new IllegalArgumentException(error.describe());
                });
        this.gitUsername = name;
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
        String date = Util.fixEmptyAndTrim(expiry);
        TokenExpiry.parse(date).error().ifPresent(error -> {
            throw new IllegalArgumentException(error.describe());
        });
        this.expiry = date;
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

        /** Tells the kind list what this credential is for. */
        @Override
        public String getDescription() {
            return Messages.BitbucketApiTokenCredentialsImpl_Description();
        }

        @Override
        public String getIconClassName() {
            return "symbol-id-card";
        }

        /**
         * Refuses a form whose Git username or expiry date the form marks as an error, before anything is stored: a
         * credential that cannot work is never saved as a "Bitbucket API token" the monitor would then list.
         */
        @Override
        public Credentials newInstance(StaplerRequest2 req, JSONObject formData) throws FormException {
            refuse(CredentialFieldChecks.checkGitUsername(formData.optString("gitUsername", null)), "gitUsername");
            refuse(CredentialFieldChecks.checkExpiry(formData.optString("expiry", null), Clock.systemUTC()), "expiry");
            return super.newInstance(req, formData);
        }

        /**
         * Checks the token: an app password, an access token or a damaged token is an error, an unknown shape a
         * warning. When editing, the field holds the stored token encrypted; only that one is decrypted. The token is
         * read from the raw request, not bound as a {@code String} parameter, which Jenkins would decrypt first.
         */
        @POST
        public FormValidation doCheckToken(
                @ContextInPath ModelObject context, StaplerRequest2 request, @QueryParameter("id") String convertedId) {
            // id stays a @QueryParameter so that the form sends it along; its value is read raw all the same
            String value = FormValidations.raw(request, "value");
            if (Util.fixEmptyAndTrim(value) == null || !JenkinsAccess.canConfigureCredentials(context)) {
                return FormValidation.ok();
            }
            SubmittedToken.Read read = SubmittedToken.of(context, FormValidations.raw(request, "id"), value);
            if (read instanceof SubmittedToken.Read.Usable usable) {
                return FormValidations.of(
                        CredentialFieldChecks.checkToken(usable.token().getPlainText()));
            }
            return read instanceof SubmittedToken.Read.Unreadable
                    ? FormValidation.error(Messages.SubmittedToken_unreadable())
                    : FormValidation.ok();
        }

        /** Checks that the e-mail looks like one; an empty field is only refused on save. */
        public FormValidation doCheckEmail(StaplerRequest2 request) {
            String value = FormValidations.raw(request, "value");
            return Util.fixEmptyAndTrim(value) == null
                    ? FormValidation.ok()
                    : FormValidations.of(CredentialFieldChecks.checkEmail(value));
        }

        /** Checks that the Git username is not an e-mail or a name meant for access tokens. */
        public FormValidation doCheckGitUsername(StaplerRequest2 request) {
            return FormValidations.of(CredentialFieldChecks.checkGitUsername(FormValidations.raw(request, "value")));
        }

        /** Checks the expiry date: past is an error, within 30 days a warning. */
        public FormValidation doCheckExpiry(StaplerRequest2 request) {
            return FormValidations.of(
                    CredentialFieldChecks.checkExpiry(FormValidations.raw(request, "value"), Clock.systemUTC()));
        }

        /**
         * Checks the token against Bitbucket Cloud on both channels, with the configured base URLs, and shows what
         * works and what to do about what does not. Nothing is saved. An encrypted token is tested only when it is
         * the stored token of the credential being edited. Every field is read from the raw request: Jenkins would
         * decrypt an encrypted value bound as a {@code String} parameter before this method could refuse it.
         */
        @POST
        public FormValidation doTestConnection(@ContextInPath ModelObject context, StaplerRequest2 request) {
            JenkinsAccess.checkCanConfigureCredentials(context);
            SubmittedToken.Read read = SubmittedToken.of(
                    context, FormValidations.raw(request, "id"), FormValidations.raw(request, "token"));
            if (!(read instanceof SubmittedToken.Read.Usable usable)) {
                return FormValidation.error(
                        read instanceof SubmittedToken.Read.Unreadable
                                ? Messages.SubmittedToken_unreadable()
                                : Messages.ConnectionTest_reenterToken());
            }
            return ConnectionTest.run(
                    BitbucketApiTokenConfiguration.get().endpoints(),
                    JenkinsAccess.httpClient(),
                    FormValidations.raw(request, "email"),
                    usable.token(),
                    FormValidations.raw(request, "gitUsername"),
                    FormValidations.raw(request, "testRepository"));
        }
    }
}
