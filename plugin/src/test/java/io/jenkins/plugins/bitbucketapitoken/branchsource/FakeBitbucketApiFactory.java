package io.jenkins.plugins.bitbucketapitoken.branchsource;

import com.cloudbees.jenkins.plugins.bitbucket.api.BitbucketApi;
import com.cloudbees.jenkins.plugins.bitbucket.api.BitbucketApiFactory;
import com.cloudbees.jenkins.plugins.bitbucket.api.BitbucketAuthenticator;
import com.cloudbees.jenkins.plugins.bitbucket.impl.endpoint.BitbucketCloudEndpoint;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.Extension;
import hudson.ExtensionList;
import io.jenkins.plugins.bitbucketapitoken.core.testing.fake.FakeBitbucket;
import java.net.URI;
import java.util.Objects;
import org.apache.hc.core5.http.HttpHost;

/**
 * Builds branch-source's Bitbucket Cloud clients so that they talk to a fake Bitbucket, for tests only.
 *
 * <p>It outranks branch-source's own {@code BitbucketCloudApiFactory} but matches only while a test has called
 * {@link #redirectTo(FakeBitbucket)} on this Jenkins; every other test sees branch-source unchanged. A
 * {@code @TestExtension} cannot do this for a fixture shared by several test classes: it is active only inside its
 * own test class, and it always has ordinal 0, which loses the tie against branch-source's factory.
 */
@Extension(ordinal = 1000)
public final class FakeBitbucketApiFactory extends BitbucketApiFactory {

    private volatile HttpHost fake;

    /** Returns this Jenkins' instance. */
    public static FakeBitbucketApiFactory get() {
        return ExtensionList.lookupSingleton(FakeBitbucketApiFactory.class);
    }

    /** Sends every Bitbucket Cloud REST call of this Jenkins to the fake from now on. */
    public void redirectTo(FakeBitbucket bitbucket) {
        URI base = URI.create(bitbucket.base());
        this.fake = new HttpHost(base.getScheme(), base.getHost(), base.getPort());
    }

    /** Gives Bitbucket Cloud back to branch-source's own factory. */
    public void stopRedirecting() {
        this.fake = null;
    }

    @Override
    protected boolean isMatch(@Nullable String serverUrl) {
        return fake != null && (serverUrl == null || BitbucketCloudEndpoint.SERVER_URL.equals(serverUrl));
    }

    @NonNull
    @Override
    protected BitbucketApi create(
            @Nullable String serverUrl,
            @Nullable BitbucketAuthenticator authenticator,
            @NonNull String owner,
            @CheckForNull String projectKey,
            @CheckForNull String repository) {
        HttpHost target = Objects.requireNonNull(fake, "not redirected to a fake Bitbucket");
        return new RedirectedBitbucketCloudApiClient(target, owner, projectKey, repository, authenticator);
    }
}
