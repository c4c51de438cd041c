package io.jenkins.plugins.bitbucketapitoken.cli;

import io.jenkins.plugins.bitbucketapitoken.core.audit.JenkinsSecretDecryptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Starts the {@code bitbucket-api-token} command line tool. */
@Command(
        name = "bitbucket-api-token",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
            "Moves Jenkins off Bitbucket Cloud app passwords (removed on 2026-07-28) and onto API tokens.",
            "Secrets are read from standard input or a file, never from the command line."
        },
        subcommands = {ClassifyCommand.class, VerifyCommand.class, ScanCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    /** Exit code for a usage error: a wrong option, an unreadable file. */
    public static final int USAGE_ERROR = 2;

    private Main() {}

    /**
     * Runs the tool and exits with its exit code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("scan")) {
            // The scan's first step loads the JDK's cryptography, and building the command line takes as long on
            // one core: the other core loads it meanwhile (docs/audit.md, "Start-up").
            Thread prepare = new Thread(JenkinsSecretDecryptor::prepare, "prepare-decryption");
            prepare.setDaemon(true);
            prepare.start();
        }
        System.exit(run(args, new Terminal()));
    }

    /**
     * Runs the tool against the given terminal without exiting, for tests and embedding.
     *
     * @param args the command line
     * @param terminal standard input, output and error
     * @return the exit code
     */
    public static int run(String[] args, Terminal terminal) {
        CommandLine cli = new CommandLine(new Main(), new Factory(terminal));
        cli.setOut(new PrintWriter(terminal.out(), true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(terminal.err(), true, StandardCharsets.UTF_8));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof UsageException) {
                commandLine.getErr().println("bitbucket-api-token: " + e.getMessage());
                return USAGE_ERROR;
            }
            throw e;
        });
        return cli.execute(args);
    }

    /** Creates commands with the terminal they write to. */
    private record Factory(Terminal terminal) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                return type.getDeclaredConstructor(Terminal.class).newInstance(terminal);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }

    /** Reads the version from the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("/bitbucket-api-token-version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {"bitbucket-api-token " + properties.getProperty("version", "unknown")};
        }
    }
}
