package io.jenkins.plugins.bitbucketapitoken.branchsource;

import com.cloudbees.jenkins.plugins.bitbucket.api.BitbucketAuthenticator;
import com.cloudbees.jenkins.plugins.bitbucket.client.BitbucketCloudApiClient;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.IOException;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.HttpHost;

/**
 * Is branch-source's real Bitbucket Cloud client, except that its HTTP client connects to the fake Bitbucket.
 *
 * <p>The HTTP client comes from the real {@code setupClientBuilder()} (connection manager, retries, authenticator
 * configuration, proxy handling) with one addition, an {@link ApiHostRoutePlanner}. URLs, JSON parsing, paging,
 * authentication headers and error handling all stay the real code.
 */
final class RedirectedBitbucketCloudApiClient extends BitbucketCloudApiClient {

    private static final int TEAM_CACHE_MINUTES = 360;
    private static final int REPOSITORIES_CACHE_MINUTES = 180;

    private final CloseableHttpClient redirected;

    RedirectedBitbucketCloudApiClient(
            HttpHost fake, String owner, String projectKey, String repository, BitbucketAuthenticator authenticator) {
        super(false, TEAM_CACHE_MINUTES, REPOSITORIES_CACHE_MINUTES, owner, projectKey, repository, authenticator);
        this.redirected = setupClientBuilder()
                .setRoutePlanner(new ApiHostRoutePlanner(fake))
                .build();
    }

    @NonNull
    @Override
    protected CloseableHttpClient getClient() {
        return redirected;
    }

    @Override
    public void close() throws IOException {
        // The superclass built a client of its own in its constructor; close it too, it owns an idle-connection thread.
        try (CloseableHttpClient unused = super.getClient()) {
            redirected.close();
        }
    }
}
