package io.jenkins.plugins.bitbucketapitoken.core.testing.fake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code git} binary the way a Jenkins agent does: credentials through {@code GIT_ASKPASS} from
 * environment variables (never in the URL or the arguments), no system or user configuration, no credential
 * helper, no terminal prompt.
 */
public final class GitCli {

    /** The variable the askpass program answers a username prompt from. */
    public static final String USERNAME_VARIABLE = "FAKE_BITBUCKET_GIT_USERNAME";

    /** The variable the askpass program answers a password prompt from. */
    public static final String PASSWORD_VARIABLE = "FAKE_BITBUCKET_GIT_PASSWORD";

    private static final String ASKPASS_SH = """
            #!/bin/sh
            case "$1" in
              Username*) printf '%s\\n' "$FAKE_BITBUCKET_GIT_USERNAME" ;;
              *) printf '%s\\n' "$FAKE_BITBUCKET_GIT_PASSWORD" ;;
            esac
            """;

    private static final String ASKPASS_BAT = """
            @echo off
            set "prompt=%~1"
            if /i "%prompt:~0,8%"=="Username" (echo %FAKE_BITBUCKET_GIT_USERNAME%) else (echo %FAKE_BITBUCKET_GIT_PASSWORD%)
            """;

    private final Path home;
    private final Path askpass;

    /** The outcome of one git command: exit code, output, and the exact command line. */
    public record Result(int exitCode, String stdout, String stderr, List<String> command) {}

    /** Prepares an empty home directory and the askpass script below the given directory. */
    public GitCli(Path dir) {
        try {
            this.home = Files.createDirectories(dir.resolve("home"));
            this.askpass = writeAskpass(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes an askpass program that answers git's prompts from {@link #USERNAME_VARIABLE} and {@link
     * #PASSWORD_VARIABLE}: a shell script, or a batch file on Windows.
     *
     * @param dir where to write it
     * @return its path, for {@code GIT_ASKPASS}
     * @throws IOException if it cannot be written
     */
    public static Path writeAskpass(Path dir) throws IOException {
        boolean windows = System.getProperty("os.name", "")
                .toLowerCase(java.util.Locale.ROOT)
                .contains("win");
        Path script = dir.resolve(windows ? "askpass.bat" : "askpass.sh");
        Files.writeString(script, windows ? ASKPASS_BAT : ASKPASS_SH, StandardCharsets.UTF_8);
        if (script.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        }
        return script;
    }

    /** Tells whether a {@code git} binary is on the PATH. */
    public static boolean isAvailable() {
        try {
            Process p = new ProcessBuilder("git", "--version")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Runs {@code git -c credential.helper= ARGS} in a working directory with the given credentials.
     *
     * @param workDir where to run
     * @param username what askpass answers for the username
     * @param password what askpass answers for the password
     * @param args git's arguments
     * @return what happened
     */
    public Result run(Path workDir, String username, String password, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-c", "credential.helper="));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("GIT_"));
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.put("GIT_ASKPASS", askpass.toString());
        env.put("GIT_AUTHOR_NAME", "Jenkins");
        env.put("GIT_AUTHOR_EMAIL", "jenkins@example.com");
        env.put("GIT_COMMITTER_NAME", "Jenkins");
        env.put("GIT_COMMITTER_EMAIL", "jenkins@example.com");
        env.put(USERNAME_VARIABLE, username);
        env.put(PASSWORD_VARIABLE, password);
        try {
            Path out = Files.createTempFile(home, "git-out", ".txt");
            Path err = Files.createTempFile(home, "git-err", ".txt");
            Process process = builder.redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("git did not finish: " + command);
            }
            return new Result(
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8),
                    List.copyOf(command));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
