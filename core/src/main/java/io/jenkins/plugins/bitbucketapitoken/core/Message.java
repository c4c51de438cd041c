package io.jenkins.plugins.bitbucketapitoken.core;

import java.util.Objects;

/**
 * Catalogues every message this library shows to a person: what is wrong and what to do about it.
 *
 * <p>Each message has a stable code (its name), a severity, a text and an action. Texts take positional
 * arguments written {@code {0}}, {@code {1}}, ...; arguments are never secrets. Dates and fixed names come
 * from {@link BitbucketCloud}, so a corrected fact changes every message at once.
 */
public enum Message {
    SECRET_EMPTY(
            Severity.ERROR,
            "No secret was given.",
            "Paste the API token you created at " + BitbucketCloud.API_TOKEN_CREATION_PAGE
                    + " (it starts with ATATT)."),
    SECRET_WHITESPACE(
            Severity.WARNING,
            "The secret contains {0}; a token never does, so they were probably picked up when it was pasted.",
            "Remove them: copy the token again as one line without spaces."),
    APP_PASSWORD(
            Severity.ERROR,
            "This looks like a Bitbucket app password ({0}). Bitbucket removed app passwords on "
                    + BitbucketCloud.APP_PASSWORDS_REMOVED + "; they no longer work for Git or the REST API.",
            "Create an API token with scopes at " + BitbucketCloud.API_TOKEN_CREATION_PAGE
                    + " (app Bitbucket, scope " + BitbucketCloud.SCOPE_READ_REPOSITORY
                    + " for checkouts) and use it instead."),
    API_TOKEN_DAMAGED(
            Severity.ERROR,
            "This looks like an Atlassian API token (ATATT...), but it is damaged: {0}.",
            "Copy the token again in full; if you no longer have it, create a new one at "
                    + BitbucketCloud.API_TOKEN_CREATION_PAGE + " (a token is shown only once)."),
    ACCESS_TOKEN_DAMAGED(
            Severity.ERROR,
            "This looks like a Bitbucket access token (ATCTT...), but it is damaged: {0}.",
            "Copy the token again in full; if you no longer have it, create a new access token in the"
                    + " repository, project or workspace settings."),
    DAMAGE_NO_CHECKSUM(
            Severity.INFO, "it is cut short or its ending was changed (the = and 8 hex digits are missing)", ""),
    DAMAGE_CHECKSUM_MISMATCH(
            Severity.INFO,
            "its last 8 characters are not the checksum of the rest (a character was mistyped or lost)",
            ""),
    DAMAGE_FOREIGN_CHARACTERS(
            Severity.INFO,
            "it contains characters a token never has (quotes, accents or other symbols from copying)",
            ""),
    UNKNOWN_SHAPE(
            Severity.ERROR,
            "This is not shaped like an Atlassian API token (ATATT...) or a Bitbucket access token (ATCTT...)."
                    + " Bitbucket Cloud accepts nothing else since app passwords were removed on "
                    + BitbucketCloud.APP_PASSWORDS_REMOVED + ".",
            "Check that you pasted the token, not a password or an e-mail address. If Atlassian changed the"
                    + " token format, check the token online with the verify command."),
    OLD_APP_PASSWORD_SHAPE(Severity.INFO, "20 letters and digits, the older form", ""),
    NEW_APP_PASSWORD_SHAPE(Severity.INFO, "ATBB...", ""),
    GIT_USERNAME_IS_EMAIL(
            Severity.ERROR,
            "The Git username {0} is an e-mail address; Bitbucket refuses API tokens over Git with the account"
                    + " e-mail (HTTP 401).",
            "Use your Bitbucket username or " + BitbucketCloud.API_TOKEN_GIT_USERNAME
                    + " as the Git username, and keep the e-mail for the REST API."),
    REST_NEEDS_EMAIL(
            Severity.ERROR,
            "The REST API takes an API token only with the Atlassian account e-mail as username, and no e-mail"
                    + " was given.",
            "Add the e-mail address of the Atlassian account that owns the token."),
    REST_USERNAME_NOT_EMAIL(
            Severity.ERROR,
            "The REST API takes an API token only with the Atlassian account e-mail as username; {0} is not an"
                    + " e-mail address (HTTP 401).",
            "Add the e-mail address of the Atlassian account that owns the token; keep {0} for Git only."),
    EMAIL_INVALID(
            Severity.ERROR,
            "{0} does not look like an e-mail address.",
            "Enter the e-mail address of the Atlassian account that owns the token, for example"
                    + " jane@example.com."),
    ACCESS_TOKEN_WRONG_GIT_USERNAME(
            Severity.ERROR,
            "Access tokens work over Git only with the username " + BitbucketCloud.ACCESS_TOKEN_GIT_USERNAME
                    + ", not {0}.",
            "Set the username to " + BitbucketCloud.ACCESS_TOKEN_GIT_USERNAME + " or leave it empty."),
    ACCESS_TOKEN_BEARER(Severity.INFO, "Access tokens go to the REST API as a Bearer token; no username is sent.", ""),
    REPOSITORY_EMPTY(
            Severity.ERROR,
            "No repository was given.",
            "Give it as workspace/slug (for example acme/widget) or as its https://bitbucket.org/... URL."),
    REPOSITORY_UNPARSEABLE(
            Severity.ERROR,
            "{0} is not a Bitbucket Cloud repository reference.",
            "Give it as workspace/slug (for example acme/widget), as https://bitbucket.org/workspace/slug.git"
                    + " or as git@bitbucket.org:workspace/slug.git."),
    REPOSITORY_HOST_NOT_ALLOWED(
            Severity.ERROR,
            "{0} is not a Bitbucket Cloud host.",
            "Use a bitbucket.org address, or configure {0} as the Bitbucket base URL if it is a proxy or mirror"
                    + " you trust with the token."),
    REPOSITORY_WORKSPACE_ONLY(
            Severity.ERROR, "{0} names a workspace, not a repository.", "Add the repository slug: workspace/slug."),
    REPOSITORY_INVALID_NAME(
            Severity.ERROR,
            "{0} is not a valid Bitbucket workspace or repository name.",
            "Use the names as they appear in the repository URL: letters, digits, '-', '_' and '.'."),
    REPOSITORY_INSECURE_SCHEME(
            Severity.ERROR,
            "{0} uses plain http; the token would travel unencrypted.",
            "Use https; plain http is accepted only for a server on this machine (loopback)."),
    REPOSITORY_CREDENTIALS_IN_URL(
            Severity.WARNING,
            "The repository URL carried a user name or password; it was removed, because secrets never belong"
                    + " in a URL.",
            "Remove the user part from the URL and keep the token in a credential."),
    BASE_URL_INVALID(
            Severity.ERROR,
            "{0} is not a usable base URL.",
            "Give an absolute https URL such as " + BitbucketCloud.DEFAULT_GIT_URL + "."),
    PHASE_ACTIVE(Severity.INFO, "App passwords still work.", ""),
    PHASE_CREATION_DISABLED(
            Severity.WARNING,
            "Since " + BitbucketCloud.APP_PASSWORD_CREATION_DISABLED
                    + " no new app passwords can be created; existing ones stop on "
                    + BitbucketCloud.APP_PASSWORDS_REMOVED + ".",
            "Replace app passwords with API tokens before brownouts begin on "
                    + BitbucketCloud.APP_PASSWORD_BROWNOUTS_BEGIN + "."),
    PHASE_BROWNOUT(
            Severity.ERROR,
            "App passwords fail during daily brownouts since " + BitbucketCloud.APP_PASSWORD_BROWNOUTS_BEGIN
                    + " and stop for good on " + BitbucketCloud.APP_PASSWORDS_REMOVED + ".",
            "Replace every app password with an API token now."),
    PHASE_REMOVED(
            Severity.ERROR,
            "Bitbucket removed app passwords on " + BitbucketCloud.APP_PASSWORDS_REMOVED
                    + "; everything that still uses one fails.",
            "Replace every app password with an API token."),
    AUDIT_APP_PASSWORDS_IN_USE(
            Severity.ERROR,
            "{0} item(s) still use a Bitbucket app password.",
            "For each item below: create an API token with scopes at " + BitbucketCloud.API_TOKEN_CREATION_PAGE
                    + " (scope " + BitbucketCloud.SCOPE_READ_REPOSITORY + " for checkouts), store it in a credential"
                    + " (Git username " + BitbucketCloud.API_TOKEN_GIT_USERNAME + "; the account e-mail for the REST"
                    + " API), point the item's configuration at the new credential id, then scan again."),
    AUDIT_NO_APP_PASSWORDS(Severity.INFO, "No item uses a Bitbucket app password.", ""),
    AUDIT_UNKNOWN_CREDENTIALS(
            Severity.WARNING,
            "{0} credential(s) used by items could not be classified, because their secrets could not be"
                    + " decrypted; any of them may be an app password.",
            "Run the scan as a user who may read secrets/master.key and secrets/hudson.util.Secret of this"
                    + " Jenkins home."),
    AUDIT_SECRETS_UNREADABLE(
            Severity.WARNING,
            "The stored secrets cannot be decrypted: {0}. Credentials whose secret is encrypted show kind UNKNOWN.",
            "Run the scan as a user who may read secrets/master.key and secrets/hudson.util.Secret of this"
                    + " Jenkins home."),
    AUDIT_FILE_TOO_LARGE(
            Severity.WARNING,
            "The file is larger than {0} bytes, far more than a Jenkins configuration needs; it was not read.",
            "Check why it is so large; if it is genuine, scan again with a larger --max-file-size."),
    AUDIT_XML_MALFORMED(
            Severity.WARNING,
            "The file is not well-formed XML ({0}); it was not read.",
            "Jenkins cannot load it either: repair the file from a backup or remove it, then scan again."),
    AUDIT_XML_DOCTYPE(
            Severity.WARNING,
            "The file contains a DOCTYPE declaration, which Jenkins never writes; it was not read, so that no"
                    + " entity was expanded and nothing external was fetched.",
            "Find out who wrote the file; restore it from a backup or re-save the item in Jenkins."),
    AUDIT_NOT_UTF8(
            Severity.WARNING,
            "The file contains bytes that are not UTF-8; they were replaced and the rest was read.",
            "Re-save the item in Jenkins so that its configuration is written as UTF-8 again."),
    AUDIT_FILE_UNREADABLE(
            Severity.WARNING,
            "The file or directory could not be read ({0}).",
            "Run the scan as a user who may read the whole Jenkins home."),
    AUDIT_NOT_A_FILE(
            Severity.WARNING,
            "This is not a regular file; it was not read.",
            "Replace it with the item's configuration file, or remove the item's directory."),
    AUDIT_SYMLINK_LOOP(
            Severity.WARNING,
            "The directory leads back to {0}, which was already scanned (a symbolic link loop or a second link to"
                    + " it); it was not scanned again.",
            "Remove the symbolic link if it is a mistake.");

    private final Severity severity;
    private final String text;
    private final String action;

    Message(Severity severity, String text, String action) {
        this.severity = severity;
        this.text = text;
        this.action = action;
    }

    /** Returns how much this message matters when it is reported as a problem. */
    public Severity severity() {
        return severity;
    }

    /** Renders the text with its arguments in place of {@code {0}}, {@code {1}}, .... */
    public String text(Object... args) {
        return fill(text, args);
    }

    /** Renders what the person should do, with the same arguments as {@link #text(Object...)}. */
    public String action(Object... args) {
        return fill(action, args);
    }

    /** Creates a problem that carries this message, rendered with the given arguments. */
    public Problem problem(Object... args) {
        return new Problem(this, severity, text(args), action(args));
    }

    private static String fill(String template, Object... args) {
        String result = template;
        for (int i = 0; i < args.length; i++) {
            result = result.replace("{" + i + "}", Objects.toString(args[i]));
        }
        return result;
    }
}
