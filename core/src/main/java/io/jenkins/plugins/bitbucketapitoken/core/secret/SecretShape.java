package io.jenkins.plugins.bitbucketapitoken.core.secret;

import io.jenkins.plugins.bitbucketapitoken.core.BitbucketCloud;

/**
 * Names the shape of a secret: the facts its characters show, before any context is weighed. Knowing the shape
 * reveals nothing of the secret; callers keep the shape and drop the secret.
 *
 * <p>Two shapes are the older app-password form, 20 ASCII letters and digits: with both letters and digits (as
 * 29 in 30 random ones are), and with letters only (as the 30th is, and as plain words are). The first alone is
 * taken for an app password; the second only with context that points at Bitbucket Cloud (see
 * {@code docs/audit.md}).
 */
public enum SecretShape {
    /** Starts with the API token prefix ({@code ATATT3xFfGF0}). */
    API_TOKEN,
    /** Starts with the access token prefix ({@code ATCTT3xFfGN0}). */
    ACCESS_TOKEN,
    /** {@code ATBB} and letters and digits: the newer app-password form, of any length. */
    APP_PASSWORD,
    /** Exactly 20 ASCII letters and digits, with at least one of each: the older app-password form. */
    TWENTY_LETTERS_AND_DIGITS,
    /** Exactly 20 ASCII letters and no digit: the older app-password form, or a plain password. */
    TWENTY_LETTERS,
    /** Anything else that is not empty. */
    OTHER,
    /** Nothing but whitespace, or nothing at all. */
    EMPTY;

    /**
     * Tells the shape of a secret, ignoring the whitespace and invisible characters that pasting adds.
     *
     * @param secret the secret; {@code null} counts as empty
     * @return its shape
     */
    public static SecretShape of(CharSequence secret) {
        String s = SecretClassifier.withoutWhitespace(secret);
        if (s.isEmpty()) {
            return EMPTY;
        }
        if (s.startsWith(BitbucketCloud.API_TOKEN_PREFIX)) {
            return API_TOKEN;
        }
        if (s.startsWith(BitbucketCloud.ACCESS_TOKEN_PREFIX)) {
            return ACCESS_TOKEN;
        }
        boolean alphanumeric = true;
        boolean digit = false;
        boolean letter = false;
        for (int i = 0; i < s.length() && alphanumeric; i++) {
            char c = s.charAt(i);
            boolean isDigit = c >= '0' && c <= '9';
            boolean isLetter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            alphanumeric = isDigit || isLetter;
            digit |= isDigit;
            letter |= isLetter;
        }
        if (!alphanumeric) {
            return OTHER;
        }
        // The prefix is distinctive enough on its own; a cut or mistyped app password is still one.
        if (s.startsWith(BitbucketCloud.APP_PASSWORD_PREFIX)) {
            return APP_PASSWORD;
        }
        if (s.length() == BitbucketCloud.OLD_APP_PASSWORD_LENGTH && letter) {
            return digit ? TWENTY_LETTERS_AND_DIGITS : TWENTY_LETTERS;
        }
        return OTHER;
    }

    /** Tells whether the shape is the older app-password form, 20 letters with or without digits. */
    public boolean isOlderAppPasswordForm() {
        return this == TWENTY_LETTERS_AND_DIGITS || this == TWENTY_LETTERS;
    }
}
