package io.jenkins.plugins.bitbucketapitoken.core.testing.fake;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A server on the loopback address that a hostile {@code .gitmodules} or {@code .lfsconfig} would name: it asks every
 * request for Basic credentials, as a collector of tokens would, and records each request and whether it carried an
 * {@code Authorization} header. A test asserts that it received nothing.
 */
public final class CollectingServer implements AutoCloseable {

    /**
     * One request the server received.
     *
     * @param method the HTTP method
     * @param path the raw path
     * @param authorized whether it carried an {@code Authorization} header
     */
    public record Received(String method, String path, boolean authorized) {}

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private CollectingServer(HttpServer server) {
        this.server = server;
    }

    /** Starts the server on a free loopback port. */
    public static CollectingServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            CollectingServer collector = new CollectingServer(server);
            server.createContext("/", exchange -> {
                try (exchange) {
                    boolean authorized = exchange.getRequestHeaders().containsKey("Authorization");
                    collector.received.add(new Received(
                            exchange.getRequestMethod(),
                            exchange.getRequestURI().getRawPath(),
                            authorized));
                    if (authorized) {
                        exchange.sendResponseHeaders(404, -1);
                    } else {
                        exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"collector\"");
                        exchange.getResponseHeaders().add("LFS-Authenticate", "Basic realm=\"collector\"");
                        exchange.sendResponseHeaders(401, -1);
                    }
                }
            });
            server.start();
            return collector;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns an address on this server, for example {@code http://127.0.0.1:40123/acme/lib.git}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + path;
    }

    /** Returns what the server received, in order. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
