package io.jenkins.plugins.bitbucketapitoken.core.testing;

import io.jenkins.plugins.bitbucketapitoken.core.BitbucketCloud;
import io.jenkins.plugins.bitbucketapitoken.core.secret.SecretClassifier;
import java.util.Random;

/**
 * Makes synthetic secrets with the real shapes, for tests of this module and of the modules that use it. None
 * of them was ever issued by Atlassian.
 */
public final class TestSecrets {

    private static final String TOKEN_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int SAMPLE_TOKEN_LENGTH = 192;

    private TestSecrets() {}

    /** Returns an intact API token, 192 characters, the checksum covering everything before the {@code =}. */
    public static String apiToken(long seed) {
        return token(BitbucketCloud.API_TOKEN_PREFIX, SAMPLE_TOKEN_LENGTH, seed, false);
    }

    /** Returns an intact API token of any length, with the checksum covering the {@code =} or not. */
    public static String apiToken(long seed, int length, boolean checksumCoversEquals) {
        return token(BitbucketCloud.API_TOKEN_PREFIX, length, seed, checksumCoversEquals);
    }

    /** Returns an intact access token. */
    public static String accessToken(long seed) {
        return token(BitbucketCloud.ACCESS_TOKEN_PREFIX, SAMPLE_TOKEN_LENGTH, seed, false);
    }

    /** Returns a newer app password: {@code ATBB}, 24 letters and digits, CRC32 of the first 28 characters. */
    public static String appPassword(long seed) {
        String body = BitbucketCloud.APP_PASSWORD_PREFIX + random(ALPHANUMERIC, 24, seed);
        return body + SecretClassifier.crc32Hex(body);
    }

    /** Returns an older app password: 20 letters and digits. */
    public static String oldAppPassword(long seed) {
        return random("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", 10, seed)
                + random("0123456789", 10, seed + 1);
    }

    private static String token(String prefix, int length, long seed, boolean checksumCoversEquals) {
        int bodyLength = length - prefix.length() - 9;
        if (bodyLength < 1) {
            throw new IllegalArgumentException("a token needs more than " + (prefix.length() + 9) + " characters");
        }
        String body = prefix + random(TOKEN_ALPHABET, bodyLength, seed);
        String covered = checksumCoversEquals ? body + "=" : body;
        return body + "=" + SecretClassifier.crc32Hex(covered);
    }

    private static String random(String alphabet, int length, long seed) {
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
