package io.jenkins.plugins.bitbucketapitoken;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.ProxyConfiguration;
import hudson.model.ModelObject;
import hudson.security.AccessControlled;
import java.net.http.HttpClient;
import java.time.Duration;
import jenkins.model.Jenkins;

/** The one class that reaches for {@link Jenkins#get()}: permissions and Jenkins' proxy-aware HTTP client. */
public final class JenkinsAccess {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private JenkinsAccess() {}

    /** Returns the running Jenkins. */
    public static Jenkins jenkins() {
        return Jenkins.get();
    }

    /**
     * Tells whether the current user may create or update credentials in a store context.
     *
     * @param context the store's context (Jenkins, a folder, a user), or {@code null} for Jenkins
     * @return whether the user holds Credentials/Create or Credentials/Update there
     */
    public static boolean canConfigureCredentials(@CheckForNull ModelObject context) {
        return accessControlled(context).hasAnyPermission(CredentialsProvider.CREATE, CredentialsProvider.UPDATE);
    }

    /**
     * Stops the request unless the current user may create or update credentials in a store context.
     *
     * @param context the store's context, or {@code null} for Jenkins
     */
    public static void checkCanConfigureCredentials(@CheckForNull ModelObject context) {
        accessControlled(context).checkAnyPermission(CredentialsProvider.CREATE, CredentialsProvider.UPDATE);
    }

    /**
     * Stops the request unless the current user administers Jenkins.
     */
    public static void checkAdminister() {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
    }

    /**
     * Builds an HTTP client that honours Jenkins' proxy settings and never follows redirects, so that a token is
     * never replayed to a host nobody configured.
     *
     * @return the client
     */
    public static HttpClient httpClient() {
        ProxyConfiguration proxy = Jenkins.get().getProxy();
        CachedClient cached = client;
        if (cached == null || cached.proxy() != proxy) {
            cached = new CachedClient(
                    proxy,
                    ProxyConfiguration.newHttpClientBuilder()
                            .connectTimeout(CONNECT_TIMEOUT)
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .build());
            client = cached;
        }
        return cached.client();
    }

    /** One client for the plugin, rebuilt when an administrator changes the proxy configuration. */
    private record CachedClient(@CheckForNull ProxyConfiguration proxy, HttpClient client) {}

    @CheckForNull
    private static volatile CachedClient client;

    private static AccessControlled accessControlled(@CheckForNull ModelObject context) {
        return context instanceof AccessControlled ac ? ac : Jenkins.get();
    }
}
