package io.jenkins.plugins.bitbucketapitoken.core.audit;

import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.Validated;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decrypts secrets the way Jenkins stores them, from {@code secrets/master.key} and
 * {@code secrets/hudson.util.Secret}.
 *
 * <p>The format, as implemented by Jenkins' {@code DefaultConfidentialStore}, {@code CryptoConfidentialKey},
 * {@code Secret} and {@code HistoricalSecrets}:
 *
 * <ul>
 *   <li>the master key is the first 16 bytes of SHA-256 over the trimmed text of {@code master.key};
 *   <li>{@code hudson.util.Secret} is AES/ECB/PKCS5Padding under the master key of a random payload followed by
 *       {@code ::::MAGIC::::}; the secret key is the payload's first 16 bytes;
 *   <li>a stored value {@code {base64}} whose first byte is 1 holds a 4-byte IV length, a 4-byte data length,
 *       the IV and AES/CBC/PKCS5Padding cipher text;
 *   <li>the older form is base64 of AES/ECB cipher text of the plain text followed by {@code ::::MAGIC::::};
 *   <li>anything else is plain text.
 * </ul>
 *
 * <p>Nothing decrypted is kept, logged or shown. Never throws on a stored value.
 */
public final class JenkinsSecretDecryptor implements SecretDecryptor {

    private static final byte[] MAGIC = "::::MAGIC::::".getBytes(StandardCharsets.US_ASCII);
    private static final String MAGIC_TEXT = "::::MAGIC::::";
    private static final int PAYLOAD_V1 = 1;
    private static final int KEY_BYTES = 16;
    private static final int MAX_STORED = 1024 * 1024;

    private final SecretKeySpec key;

    private JenkinsSecretDecryptor(SecretKeySpec key) {
        this.key = key;
    }

    /**
     * Loads the JDK's SHA-256 and AES implementations, which takes tens of milliseconds the first time in a JVM
     * (its security providers and policy are read then), so that a caller can have it done on another thread while
     * it starts. Optional: {@link #load} works without it, and reports any failure itself.
     */
    public static void prepare() {
        try {
            MessageDigest.getInstance("SHA-256");
            Cipher.getInstance("AES/ECB/PKCS5Padding");
            Cipher.getInstance("AES/CBC/PKCS5Padding");
        } catch (GeneralSecurityException | RuntimeException e) {
            // Nothing to prepare: load and decrypt say what is missing when they need it.
        }
    }

    /**
     * Loads the keys of a Jenkins home.
     *
     * @param jenkinsHome the Jenkins home directory
     * @return the decryptor, or why the keys could not be read
     */
    public static Validated<SecretDecryptor> load(Path jenkinsHome) {
        Path secrets = jenkinsHome.resolve("secrets");
        String masterKey;
        byte[] wrapped;
        try {
            masterKey = Files.readString(secrets.resolve("master.key"), StandardCharsets.UTF_8);
            wrapped = Files.readAllBytes(secrets.resolve("hudson.util.Secret"));
        } catch (NoSuchFileException e) {
            return Validated.invalid(ItemConfigReader.asError(Message.AUDIT_SECRETS_UNREADABLE.problem(
                    "secrets/" + Path.of(e.getFile()).getFileName() + " is missing")));
        } catch (IOException | RuntimeException e) {
            return Validated.invalid(ItemConfigReader.asError(Message.AUDIT_SECRETS_UNREADABLE.problem(
                    "the files in secrets/ could not be read (" + e.getClass().getSimpleName() + ")")));
        }
        return fromKeys(masterKey, wrapped);
    }

    /**
     * Builds a decryptor from the content of the two key files.
     *
     * @param masterKeyText the text of {@code secrets/master.key}
     * @param hudsonUtilSecret the bytes of {@code secrets/hudson.util.Secret}
     * @return the decryptor, or why the keys do not fit together
     */
    public static Validated<SecretDecryptor> fromKeys(String masterKeyText, byte[] hudsonUtilSecret) {
        try {
            SecretKeySpec master = masterKey(masterKeyText);
            Cipher cipher = Cipher.getInstance("AES/ECB/PKCS5Padding");
            cipher.init(Cipher.DECRYPT_MODE, master);
            byte[] plain = cipher.doFinal(hudsonUtilSecret);
            int payload = plain.length - MAGIC.length;
            if (payload < KEY_BYTES || !Arrays.equals(plain, payload, plain.length, MAGIC, 0, MAGIC.length)) {
                return Validated.invalid(ItemConfigReader.asError(Message.AUDIT_SECRETS_UNREADABLE.problem(
                        "secrets/hudson.util.Secret does not belong to secrets/master.key")));
            }
            SecretKeySpec key = new SecretKeySpec(plain, 0, KEY_BYTES, "AES");
            Arrays.fill(plain, (byte) 0);
            return Validated.valid(new JenkinsSecretDecryptor(key));
        } catch (GeneralSecurityException | RuntimeException e) {
            return Validated.invalid(ItemConfigReader.asError(Message.AUDIT_SECRETS_UNREADABLE.problem(
                    "secrets/hudson.util.Secret does not belong to secrets/master.key")));
        }
    }

    /**
     * Derives the master key from the text of {@code master.key}, as Jenkins' {@code Util.toAes128Key} does.
     *
     * @param masterKeyText the file's text; surrounding whitespace is ignored
     * @return the AES key
     * @throws GeneralSecurityException if SHA-256 is missing
     */
    static SecretKeySpec masterKey(String masterKeyText) throws GeneralSecurityException {
        byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest(masterKeyText.strip().getBytes(StandardCharsets.UTF_8));
        return new SecretKeySpec(digest, 0, KEY_BYTES, "AES");
    }

    /**
     * Tells whether a stored value has the shape of Jenkins' current encrypted form, {@code {base64}}.
     *
     * @param stored a stored value
     * @return whether it is wrapped in braces around base64 text
     */
    static boolean looksEncrypted(String stored) {
        if (stored.length() < 3 || stored.charAt(0) != '{' || stored.charAt(stored.length() - 1) != '}') {
            return false;
        }
        for (int i = 1; i < stored.length() - 1; i++) {
            char c = stored.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && c != '+' && c != '/' && c != '=') {
                return false;
            }
        }
        return true;
    }

    /**
     * Says how many bytes the plain text of an encrypted value can hold, from its length alone: no key needed.
     *
     * @param min the fewest bytes
     * @param max the most bytes
     */
    record PlainLength(int min, int max) {

        /**
         * Tells whether a plain text of this many bytes fits.
         *
         * @param bytes a length
         * @return whether it lies between {@link #min()} and {@link #max()}
         */
        boolean fits(int bytes) {
            return min <= bytes && bytes <= max;
        }
    }

    /**
     * Reads the length of the plain text from a value in the current form, {@code {base64}} with payload
     * version 1: AES/CBC with PKCS#5 padding stores {@code 16 * (n / 16 + 1)} bytes for {@code n} bytes of plain
     * text, so the data length {@code L} leaves {@code L - 16} to {@code L - 1}.
     *
     * @param stored the value as stored
     * @return the range, or empty when the value is not in the current form
     */
    static Optional<PlainLength> plainLengthOfCurrentForm(String stored) {
        if (stored == null || stored.length() > MAX_STORED || !looksEncrypted(stored)) {
            return Optional.empty();
        }
        byte[] payload;
        try {
            payload = Base64.getDecoder().decode(stored.substring(1, stored.length() - 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (payload.length < 9 || payload[0] != PAYLOAD_V1) {
            return Optional.empty();
        }
        long ivLength = readInt(payload, 1);
        long dataLength = readInt(payload, 5);
        if (ivLength != KEY_BYTES
                || dataLength < KEY_BYTES
                || dataLength % KEY_BYTES != 0
                || 9 + ivLength + dataLength != payload.length) {
            return Optional.empty();
        }
        return Optional.of(new PlainLength((int) dataLength - KEY_BYTES, (int) dataLength - 1));
    }

    /**
     * Reads the length of the plain text from a value that may be in the older form, base64 of AES/ECB over the
     * text and {@code ::::MAGIC::::}: {@code L} bytes of cipher text leave {@code L - 29} to {@code L - 14}.
     *
     * @param stored the value as stored
     * @return the range, or empty when the value cannot be in the older form (then it is plain text)
     */
    static Optional<PlainLength> plainLengthOfOlderForm(String stored) {
        if (stored == null || stored.isEmpty() || stored.length() > MAX_STORED) {
            return Optional.empty();
        }
        return legacyBlocks(stored).map(cipherText -> {
            int padded = cipherText.length - MAGIC.length;
            return new PlainLength(Math.max(0, padded - KEY_BYTES), padded - 1);
        });
    }

    /** Decodes a value of the older (ECB) form: Base64 of whole AES blocks; empty when it cannot be one. */
    private static Optional<byte[]> legacyBlocks(String base64) {
        byte[] blocks;
        try {
            blocks = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return blocks.length == 0 || blocks.length % KEY_BYTES != 0 ? Optional.empty() : Optional.of(blocks);
    }

    @Override
    public Optional<String> plainText(String stored) {
        if (stored == null || stored.length() > MAX_STORED) {
            return Optional.empty();
        }
        if (stored.startsWith("{") && stored.endsWith("}")) {
            Optional<String> v1 = decryptV1(stored.substring(1, stored.length() - 1));
            // Jenkins takes a braced value that does not decrypt as plain text; one that looks encrypted is
            // far more likely damaged or from another Jenkins, so it stays unknown.
            return v1.isPresent() || looksEncrypted(stored) ? v1 : Optional.of(stored);
        }
        return decryptLegacy(stored).or(() -> Optional.of(stored));
    }

    @Override
    public boolean canDecrypt() {
        return true;
    }

    private Optional<String> decryptV1(String base64) {
        byte[] payload;
        try {
            payload = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (payload.length < 9 || payload[0] != PAYLOAD_V1) {
            return Optional.empty();
        }
        long ivLength = readInt(payload, 1);
        long dataLength = readInt(payload, 5);
        if (ivLength != KEY_BYTES || dataLength < 0 || 9 + ivLength + dataLength != payload.length) {
            return Optional.empty();
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(payload, 9, (int) ivLength));
            byte[] plain = cipher.doFinal(payload, 9 + (int) ivLength, (int) dataLength);
            return Optional.of(new String(plain, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private Optional<String> decryptLegacy(String base64) {
        Optional<byte[]> blocks = legacyBlocks(base64);
        if (blocks.isEmpty()) {
            return Optional.empty();
        }
        byte[] in = blocks.get();
        try {
            Cipher cipher = Cipher.getInstance("AES/ECB/PKCS5Padding");
            cipher.init(Cipher.DECRYPT_MODE, key);
            String plain = new String(cipher.doFinal(in), StandardCharsets.UTF_8);
            return plain.endsWith(MAGIC_TEXT)
                    ? Optional.of(plain.substring(0, plain.length() - MAGIC_TEXT.length()))
                    : Optional.empty();
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static long readInt(byte[] b, int at) {
        return ((long) (b[at] & 0xff) << 24)
                | ((b[at + 1] & 0xff) << 16)
                | ((b[at + 2] & 0xff) << 8)
                | (b[at + 3] & 0xff);
    }

    /** Names the class only: the key is never shown. */
    @Override
    public String toString() {
        return "JenkinsSecretDecryptor[****]";
    }
}
