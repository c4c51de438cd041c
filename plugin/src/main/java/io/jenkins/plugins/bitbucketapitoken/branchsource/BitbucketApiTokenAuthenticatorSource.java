package io.jenkins.plugins.bitbucketapitoken.branchsource;

import com.cloudbees.jenkins.plugins.bitbucket.api.BitbucketAuthenticator;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import io.jenkins.plugins.bitbucketapitoken.credentials.BitbucketApiTokenCredentialsImpl;
import jenkins.authentication.tokens.api.AuthenticationTokenContext;
import jenkins.authentication.tokens.api.AuthenticationTokenSource;

/**
 * Lets bitbucket-branch-source (multibranch projects, organization folders, webhooks, build status) use a Bitbucket
 * API token credential with the right username per channel.
 *
 * <p>Optional: it loads only when bitbucket-branch-source is installed. It consumes exactly the credential class, so
 * authentication-tokens scores it above branch-source's username/password sources for that class whatever the token's
 * length; those sources would send the Git username to REST. It fits Bitbucket Cloud only: an API token is a Cloud
 * secret.
 */
@Extension(optional = true, ordinal = 100)
public class BitbucketApiTokenAuthenticatorSource
        extends AuthenticationTokenSource<BitbucketApiTokenAuthenticator, BitbucketApiTokenCredentialsImpl> {

    /** Creates the source; Jenkins calls it. */
    public BitbucketApiTokenAuthenticatorSource() {
        super(BitbucketApiTokenAuthenticator.class, BitbucketApiTokenCredentialsImpl.class);
    }

    @NonNull
    @Override
    public BitbucketApiTokenAuthenticator convert(@NonNull BitbucketApiTokenCredentialsImpl credentials) {
        return new BitbucketApiTokenAuthenticator(credentials);
    }

    @Override
    protected boolean isFit(AuthenticationTokenContext<? super BitbucketApiTokenAuthenticator> context) {
        return context.mustHave(
                BitbucketAuthenticator.BITBUCKET_INSTANCE_TYPE, BitbucketAuthenticator.BITBUCKET_INSTANCE_TYPE_CLOUD);
    }
}
