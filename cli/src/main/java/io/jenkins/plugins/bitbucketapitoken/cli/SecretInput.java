package io.jenkins.plugins.bitbucketapitoken.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** Reads a secret from a file, an environment variable or standard input; never from the command line. */
final class SecretInput {

    private static final int MAX_BYTES = 64 * 1024;

    private SecretInput() {}

    /**
     * Reads the secret from the first source given: a file, an environment variable, standard input.
     *
     * @param file the file option, or empty
     * @param envName an environment variable to consult, or empty
     * @param terminal where standard input comes from
     * @return the secret, with one final line ending removed
     */
    static String read(Optional<Path> file, Optional<String> envName, Terminal terminal) {
        if (file.isPresent()) {
            return fromFile(file.get());
        }
        Optional<String> fromEnv = envName.flatMap(terminal::env);
        if (fromEnv.isPresent()) {
            return fromEnv.get();
        }
        if (terminal.interactive() && System.console() != null) {
            terminal.err().print("Paste the secret (it will not be shown), then press Enter: ");
            terminal.err().flush();
            char[] typed = System.console().readPassword();
            return typed == null ? "" : new String(typed);
        }
        return fromStream(terminal.in(), "standard input");
    }

    private static String fromFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return fromStream(in, "the file " + file);
        } catch (NoSuchFileException e) {
            throw new UsageException("the file " + file + " does not exist. Give the file that holds the secret.");
        } catch (IOException e) {
            throw new UsageException("cannot read the file " + file + " ("
                    + e.getClass().getSimpleName() + "). Check that it exists and that you may read it.");
        }
    }

    private static String fromStream(InputStream in, String source) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            int n;
            while ((n = in.read(buffer)) != -1) {
                bytes.write(buffer, 0, n);
                if (bytes.size() > MAX_BYTES) {
                    throw new UsageException(source + " holds more than 64 KiB; a secret is never that long."
                            + " Give the file or input that holds only the secret.");
                }
            }
            return withoutFinalLineEnding(bytes.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UsageException(
                    "cannot read " + source + " (" + e.getClass().getSimpleName() + ").");
        }
    }

    /** Removes the one line ending that files and {@code echo} add; anything more is reported as pasting noise. */
    static String withoutFinalLineEnding(String text) {
        if (text.endsWith("\r\n")) {
            return text.substring(0, text.length() - 2);
        }
        if (text.endsWith("\n")) {
            return text.substring(0, text.length() - 1);
        }
        return text;
    }
}
