package io.jenkins.plugins.bitbucketapitoken.core.secret;

import io.jenkins.plugins.bitbucketapitoken.core.BitbucketCloud;
import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.Problem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Judges what a secret is from its shape: API token, app password, access token or unknown.
 *
 * <p>The shape is a hint, never a hard rule: no length is required, because Atlassian says token lengths vary.
 * Tokens end with {@code =} and 8 uppercase hex digits holding the CRC32 of what comes before, which catches
 * a truncated or mistyped paste offline. Whether the {@code =} itself is covered by the checksum is not
 * documented, so both readings are accepted. This class never throws and never keeps the secret.
 */
public final class SecretClassifier {

    private static final int CHECKSUM_DIGITS = 8;

    private SecretClassifier() {}

    /**
     * Classifies a secret exactly as it was pasted or stored.
     *
     * @param raw the secret; {@code null} counts as empty
     * @return the classification, never {@code null}
     */
    public static SecretClassification classify(CharSequence raw) {
        String pasted = raw == null ? "" : raw.toString();
        String secret = withoutWhitespace(pasted);
        List<Problem> problems = new ArrayList<>();
        boolean strayWhitespace = secret.length() != pasted.length();
        if (secret.isEmpty()) {
            problems.add(Message.SECRET_EMPTY.problem());
            return new SecretClassification(SecretKind.UNKNOWN, Optional.empty(), strayWhitespace, problems);
        }
        SecretKind kind = kindOf(secret);
        Optional<Boolean> intact = Optional.empty();
        switch (kind) {
            case API_TOKEN, ACCESS_TOKEN -> {
                Optional<Message> damage = tokenDamage(secret);
                intact = Optional.of(damage.isEmpty());
                damage.ifPresent(d -> problems.add(
                        (kind == SecretKind.API_TOKEN ? Message.API_TOKEN_DAMAGED : Message.ACCESS_TOKEN_DAMAGED)
                                .problem(d.fragment())));
            }
            case APP_PASSWORD ->
                problems.add(Message.APP_PASSWORD.problem((secret.startsWith(BitbucketCloud.APP_PASSWORD_PREFIX)
                                ? Message.NEW_APP_PASSWORD_SHAPE
                                : Message.OLD_APP_PASSWORD_SHAPE)
                        .fragment()));
            case UNKNOWN -> problems.add(Message.UNKNOWN_SHAPE.problem());
        }
        if (strayWhitespace) {
            problems.add(Message.SECRET_WHITESPACE.problem(describeWhitespace(pasted)));
        }
        return new SecretClassification(kind, intact, strayWhitespace, problems);
    }

    /**
     * Removes every whitespace and invisible character that pasting adds: spaces, tabs, line breaks,
     * non-breaking and zero-width spaces, byte order marks.
     *
     * @param pasted the secret as pasted; {@code null} counts as empty
     * @return the secret without them
     */
    public static String withoutWhitespace(CharSequence pasted) {
        if (pasted == null) {
            return "";
        }
        StringBuilder clean = new StringBuilder(pasted.length());
        for (int i = 0; i < pasted.length(); i++) {
            char c = pasted.charAt(i);
            if (!isPastingNoise(c)) {
                clean.append(c);
            }
        }
        return clean.toString();
    }

    private static boolean isPastingNoise(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200B' || c == '\uFEFF';
    }

    private static SecretKind kindOf(String secret) {
        // Without context, only the 20-character form with letters and digits is taken for an app password: the
        // one with letters only is as likely a plain password. The audit weighs context for it (docs/audit.md).
        return switch (SecretShape.of(secret)) {
            case API_TOKEN -> SecretKind.API_TOKEN;
            case ACCESS_TOKEN -> SecretKind.ACCESS_TOKEN;
            case APP_PASSWORD, TWENTY_LETTERS_AND_DIGITS -> SecretKind.APP_PASSWORD;
            case TWENTY_LETTERS, OTHER, EMPTY -> SecretKind.UNKNOWN;
        };
    }

    private static Optional<Message> tokenDamage(String token) {
        int end = token.length() - CHECKSUM_DIGITS;
        if (end < 1 || token.charAt(end - 1) != '=' || !isUpperHex(token.substring(end))) {
            return Optional.of(Message.DAMAGE_NO_CHECKSUM);
        }
        String checksum = token.substring(end);
        if (checksum.equals(crc32Hex(token.substring(0, end - 1)))
                || checksum.equals(crc32Hex(token.substring(0, end)))) {
            return Optional.empty();
        }
        if (!token.chars().allMatch(SecretClassifier::isTokenCharacter)) {
            return Optional.of(Message.DAMAGE_FOREIGN_CHARACTERS);
        }
        return Optional.of(Message.DAMAGE_CHECKSUM_MISMATCH);
    }

    /**
     * Computes the CRC32 of a text's UTF-8 bytes as 8 uppercase hex digits, the way Atlassian ends tokens.
     *
     * @param text what to check-sum
     * @return 8 uppercase hex digits
     */
    public static String crc32Hex(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return String.format(Locale.ROOT, "%08X", crc.getValue());
    }

    private static boolean isTokenCharacter(int c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '=');
    }

    private static boolean isUpperHex(String s) {
        return s.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'));
    }

    private static Message.Fragment describeWhitespace(String pasted) {
        List<Message.Fragment> found = new ArrayList<>();
        if (pasted.chars().anyMatch(c -> c == '\n' || c == '\r')) {
            found.add(Message.WHITESPACE_LINE_BREAKS.fragment());
        }
        String trimmedInside = pasted.strip();
        if (!pasted.isEmpty()
                && (isPastingNoise(pasted.charAt(0)) || isPastingNoise(pasted.charAt(pasted.length() - 1)))) {
            found.add(Message.WHITESPACE_AT_THE_ENDS.fragment());
        }
        if (trimmedInside.chars().anyMatch(c -> c != '\n' && c != '\r' && isPastingNoise((char) c))) {
            found.add(Message.WHITESPACE_INSIDE.fragment());
        }
        if (found.isEmpty()) {
            found.add(Message.WHITESPACE_INVISIBLE.fragment());
        }
        Message.Fragment all = found.get(0);
        for (Message.Fragment next : found.subList(1, found.size())) {
            all = Message.LIST_AND.fragment(all, next);
        }
        return all;
    }
}
