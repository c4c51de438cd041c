package io.jenkins.plugins.bitbucketapitoken.credentials;

import com.cloudbees.plugins.credentials.CredentialsNameProvider;
import com.cloudbees.plugins.credentials.NameWith;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Util;
import hudson.util.Secret;
import io.jenkins.plugins.bitbucketapitoken.Messages;
import io.jenkins.plugins.bitbucketapitoken.core.secret.SecretClassifier;
import io.jenkins.plugins.bitbucketapitoken.core.secret.SecretKind;

/**
 * An Atlassian API token for Bitbucket Cloud that presents the right username on each channel.
 *
 * <p>As a {@link StandardUsernamePasswordCredentials}, {@link #getUsername()} is the Git username (the Bitbucket
 * username or {@code x-bitbucket-api-token-auth}, never the e-mail) and {@link #getPassword()} is the token, so every
 * Git consumer works unchanged. REST consumers call {@link #getEmail()} for the username the REST API needs.
 */
@NameWith(value = BitbucketApiTokenCredentials.NameProvider.class, priority = 64)
public interface BitbucketApiTokenCredentials extends StandardUsernamePasswordCredentials {

    /** The Atlassian account e-mail: the username for the REST API. */
    @NonNull
    String getEmail();

    /** The API token; the same as {@link #getPassword()}. */
    @NonNull
    default Secret getToken() {
        return getPassword();
    }

    /** The token's expiry date as {@code YYYY-MM-DD}, or {@code null} when not recorded. */
    @CheckForNull
    String getExpiry();

    /**
     * Names the credential by its e-mail, kind and id (two tokens of one account stay apart), never by its token;
     * one that holds an app password (stored before the checks existed) says so wherever it is offered.
     */
    class NameProvider extends CredentialsNameProvider<BitbucketApiTokenCredentials> {
        @NonNull
        @Override
        public String getName(@NonNull BitbucketApiTokenCredentials credentials) {
            String description = Util.fixEmptyAndTrim(credentials.getDescription());
            boolean appPassword =
                    SecretClassifier.classify(credentials.getToken().getPlainText())
                                    .kind()
                            == SecretKind.APP_PASSWORD;
            String name = appPassword
                    ? Messages.BitbucketApiTokenCredentials_nameAppPassword(credentials.getEmail(), credentials.getId())
                    : Messages.BitbucketApiTokenCredentials_name(credentials.getEmail(), credentials.getId());
            return description == null ? name : name + " (" + description + ")";
        }
    }
}
