package io.jenkins.plugins.bitbucketapitoken.credentials;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.bitbucketapitoken.Messages;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.credentialsbinding.BindingDescriptor;
import org.jenkinsci.plugins.credentialsbinding.MultiBinding;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Binds an API token credential to three environment variables for shell steps that call the REST API or git
 * directly: the e-mail, the token (masked in the log) and the Git username.
 *
 * <pre>
 * withCredentials([bitbucketApiToken(credentialsId: 'bb', emailVariable: 'BB_EMAIL',
 *                                    tokenVariable: 'BB_TOKEN', gitUsernameVariable: 'BB_GIT_USER')]) { ... }
 * </pre>
 */
public class BitbucketApiTokenBinding extends MultiBinding<BitbucketApiTokenCredentials> {

    static final String DEFAULT_EMAIL_VARIABLE = "BITBUCKET_EMAIL";
    static final String DEFAULT_TOKEN_VARIABLE = "BITBUCKET_API_TOKEN";
    static final String DEFAULT_GIT_USERNAME_VARIABLE = "BITBUCKET_GIT_USERNAME";

    private String emailVariable = DEFAULT_EMAIL_VARIABLE;
    private String tokenVariable = DEFAULT_TOKEN_VARIABLE;
    private String gitUsernameVariable = DEFAULT_GIT_USERNAME_VARIABLE;

    /**
     * Binds the given credential.
     *
     * @param credentialsId the id of a Bitbucket API token credential
     */
    @DataBoundConstructor
    public BitbucketApiTokenBinding(String credentialsId) {
        super(credentialsId);
    }

    public String getEmailVariable() {
        return emailVariable;
    }

    /**
     * Names the variable for the e-mail (REST username).
     *
     * @param emailVariable a variable name; blank keeps {@value #DEFAULT_EMAIL_VARIABLE}
     */
    @DataBoundSetter
    public void setEmailVariable(String emailVariable) {
        this.emailVariable = orDefault(emailVariable, DEFAULT_EMAIL_VARIABLE);
    }

    public String getTokenVariable() {
        return tokenVariable;
    }

    /**
     * Names the variable for the token; its value is masked in the build log.
     *
     * @param tokenVariable a variable name; blank keeps {@value #DEFAULT_TOKEN_VARIABLE}
     */
    @DataBoundSetter
    public void setTokenVariable(String tokenVariable) {
        this.tokenVariable = orDefault(tokenVariable, DEFAULT_TOKEN_VARIABLE);
    }

    public String getGitUsernameVariable() {
        return gitUsernameVariable;
    }

    /**
     * Names the variable for the Git username.
     *
     * @param gitUsernameVariable a variable name; blank keeps {@value #DEFAULT_GIT_USERNAME_VARIABLE}
     */
    @DataBoundSetter
    public void setGitUsernameVariable(String gitUsernameVariable) {
        this.gitUsernameVariable = orDefault(gitUsernameVariable, DEFAULT_GIT_USERNAME_VARIABLE);
    }

    @Override
    protected Class<BitbucketApiTokenCredentials> type() {
        return BitbucketApiTokenCredentials.class;
    }

    @Override
    public MultiEnvironment bind(
            @NonNull Run<?, ?> build,
            @Nullable FilePath workspace,
            @Nullable Launcher launcher,
            @NonNull TaskListener listener)
            throws IOException, InterruptedException {
        if (Util.fixEmptyAndTrim(getCredentialsId()) == null) {
            throw new AbortException(Messages.BitbucketApiTokenBinding_noCredentialsId());
        }
        BitbucketApiTokenCredentials credentials = getCredentials(build);
        Map<String, String> secretValues = new LinkedHashMap<>();
        Map<String, String> publicValues = new LinkedHashMap<>();
        secretValues.put(tokenVariable, credentials.getToken().getPlainText());
        publicValues.put(emailVariable, credentials.getEmail());
        publicValues.put(gitUsernameVariable, credentials.getUsername());
        return new MultiEnvironment(secretValues, publicValues);
    }

    /** Only the token is secret: the e-mail and the Git username are not masked. */
    @Override
    public Set<String> variables(@NonNull Run<?, ?> build) {
        return Set.of(tokenVariable);
    }

    private static String orDefault(String value, String fallback) {
        String fixed = Util.fixEmptyAndTrim(value);
        return fixed == null ? fallback : fixed;
    }

    /** Offers the binding to {@code withCredentials} as {@code bitbucketApiToken(...)}. */
    @Extension
    @Symbol("bitbucketApiToken")
    public static class DescriptorImpl extends BindingDescriptor<BitbucketApiTokenCredentials> {

        @Override
        protected Class<BitbucketApiTokenCredentials> type() {
            return BitbucketApiTokenCredentials.class;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.BitbucketApiTokenBinding_DisplayName();
        }

        @Override
        public boolean requiresWorkspace() {
            return false;
        }
    }
}
