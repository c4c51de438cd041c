package io.jenkins.plugins.bitbucketapitoken.branchsource;

import com.cloudbees.jenkins.plugins.bitbucket.impl.credentials.BitbucketUserAPITokenAuthenticator;
import com.cloudbees.plugins.credentials.common.StandardUsernameCredentials;
import io.jenkins.plugins.bitbucketapitoken.credentials.BitbucketApiTokenCredentials;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpRequest;

/**
 * Authenticates bitbucket-branch-source with a Bitbucket API token credential, one channel at a time: REST (branch and
 * pull-request discovery, build status, webhooks) with Basic e-mail:token, Git with the credential itself, whose
 * username is the Git username.
 *
 * <p>It extends branch-source's own API-token authenticator because the Cloud client accepts only the authenticator
 * classes it knows; the inherited header (built from the Git username) is never sent.
 */
public class BitbucketApiTokenAuthenticator extends BitbucketUserAPITokenAuthenticator {

    private final BitbucketApiTokenCredentials credentials;

    /**
     * Creates the authenticator of one credential.
     *
     * @param credentials the API token credential
     */
    public BitbucketApiTokenAuthenticator(BitbucketApiTokenCredentials credentials) {
        super(credentials);
        this.credentials = credentials;
    }

    @Override
    public void configureRequest(HttpRequest request) {
        String pair = credentials.getEmail() + ":" + credentials.getToken().getPlainText();
        request.setHeader(
                HttpHeaders.AUTHORIZATION,
                "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    /** Hands Git the credential itself: its username is the Git username, never the e-mail. */
    @Override
    public StandardUsernameCredentials getCredentialsForSCM() {
        return credentials;
    }

    @Override
    public String toString() {
        return "BitbucketApiTokenAuthenticator[" + getId() + "]";
    }
}
