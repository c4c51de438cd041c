package io.jenkins.plugins.bitbucketapitoken.core.testing.fake;

import io.jenkins.plugins.bitbucketapitoken.core.auth.Channel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Records one request the fake Bitbucket received, without the secret: only a SHA-256 fingerprint of it, so a
 * test can ask whether a given secret was presented.
 *
 * @param channel REST or Git
 * @param method the HTTP method
 * @param path the path and query
 * @param scheme {@code basic}, {@code bearer} or {@code none}
 * @param username the Basic username seen; empty for Bearer or none
 * @param secretPresented whether any secret came with the request
 * @param status the status the fake answered with
 * @param secretFingerprint the SHA-256 of the secret; empty when none came
 */
public record RecordedRequest(
        Channel channel,
        String method,
        String path,
        String scheme,
        Optional<String> username,
        boolean secretPresented,
        int status,
        Optional<String> secretFingerprint) {

    /** Checks that no part is missing. */
    public RecordedRequest {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(secretFingerprint, "secretFingerprint");
    }

    /** Tells whether this request carried exactly this secret. */
    public boolean presented(String secret) {
        return secretFingerprint.filter(f -> f.equals(fingerprint(secret))).isPresent();
    }

    /** Tells whether this is a Git request for the given service ({@code git-upload-pack}, ...). */
    public boolean isGitService(String service) {
        return channel == Channel.GIT && path.contains(service);
    }

    /** Returns the fingerprint a request carrying this secret is recorded with, for a test to look for it. */
    public static String fingerprint(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return channel + " " + method + " " + path + " " + scheme
                + username.map(u -> " " + u).orElse("") + " -> " + status;
    }
}
