package io.jenkins.plugins.bitbucketapitoken.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs the tool in-process with given input and environment and keeps everything it printed. */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(String stdin, String... args) {
        return run(stdin, Map.of(), args);
    }

    static CliRun run(String stdin, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Terminal terminal = new Terminal(
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                false,
                env);
        int code = Main.run(args, terminal);
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Everything the process printed, for scanning for secrets. */
    String all() {
        return out + err;
    }
}
