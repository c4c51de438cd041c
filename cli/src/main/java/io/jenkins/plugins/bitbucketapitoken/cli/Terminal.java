package io.jenkins.plugins.bitbucketapitoken.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;

/**
 * Bundles what a command talks to: standard streams, whether a person is at the keyboard, and the environment.
 *
 * @param in standard input
 * @param out standard output
 * @param err standard error
 * @param interactive whether standard input and error are a terminal
 * @param environment the environment variables
 */
public record Terminal(
        InputStream in, PrintStream out, PrintStream err, boolean interactive, Map<String, String> environment) {

    /** Uses the process's own streams and environment. */
    public Terminal() {
        this(System.in, System.out, System.err, System.console() != null, System.getenv());
    }

    /** Copies the environment. */
    public Terminal {
        environment = Map.copyOf(environment);
    }

    /**
     * Reads an environment variable.
     *
     * @param name its name
     * @return its value, if set and not blank
     */
    public Optional<String> env(String name) {
        return Optional.ofNullable(environment.get(name)).filter(v -> !v.isBlank());
    }
}
