package io.jenkins.plugins.bitbucketapitoken.branchsource;

import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.routing.HttpRoutePlanner;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Routes HttpClient 5 connections for {@code api.bitbucket.org} to the fake Bitbucket on 127.0.0.1, and refuses every
 * other host so that no test ever reaches the Internet.
 *
 * <p>Only the connection is redirected: the request keeps its absolute URI and {@code Host: api.bitbucket.org}, so the
 * client's own logic (which adds credentials only for its API host) runs unchanged.
 */
final class ApiHostRoutePlanner implements HttpRoutePlanner {

    /** The host branch-source's Bitbucket Cloud client hard-codes. */
    static final String API_HOST = "api.bitbucket.org";

    private final HttpHost fake;

    ApiHostRoutePlanner(HttpHost fake) {
        this.fake = fake;
    }

    @Override
    public HttpRoute determineRoute(HttpHost target, HttpContext context) throws HttpException {
        if (target != null && API_HOST.equalsIgnoreCase(target.getHostName())) {
            return new HttpRoute(fake);
        }
        throw new HttpException("The fake Bitbucket only simulates " + API_HOST + "; refusing to connect to " + target);
    }
}
