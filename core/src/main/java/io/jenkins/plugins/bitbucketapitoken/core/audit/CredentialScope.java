package io.jenkins.plugins.bitbucketapitoken.core.audit;

import java.util.Locale;

/** Names who may use a Jenkins credential, as {@code <scope>} in the stores says. */
public enum CredentialScope {
    /** Usable by items and by Jenkins itself. */
    GLOBAL,
    /** Usable by Jenkins itself only (agents, e-mail); invisible to items. */
    SYSTEM,
    /** A user's personal credential. */
    USER;

    /**
     * Reads a scope as the stores write it; anything unrecognised is treated as {@link #GLOBAL}, Jenkins'
     * default.
     *
     * @param text the text of a {@code <scope>} element, or {@code null}
     * @return the scope
     */
    public static CredentialScope parse(String text) {
        if (text == null) {
            return GLOBAL;
        }
        return switch (text.strip().toUpperCase(Locale.ROOT)) {
            case "SYSTEM" -> SYSTEM;
            case "USER" -> USER;
            default -> GLOBAL;
        };
    }
}
