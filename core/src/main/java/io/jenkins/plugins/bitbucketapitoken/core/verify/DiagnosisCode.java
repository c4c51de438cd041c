package io.jenkins.plugins.bitbucketapitoken.core.verify;

import io.jenkins.plugins.bitbucketapitoken.core.Message;

/** Names why a check of a credential failed; stable, for machines (JSON, the plugin, tests). */
public enum DiagnosisCode {
    /** The secret is an app password; Bitbucket removed them (410 {@code CHANGE-3222} on Git, 401 on REST). */
    APP_PASSWORD_REMOVED(Message.DIAGNOSIS_APP_PASSWORD_REMOVED),
    /** The secret is an Atlassian account password, refused since 2022. */
    ACCOUNT_PASSWORD(Message.DIAGNOSIS_ACCOUNT_PASSWORD),
    /** An API token went to Git with the account e-mail as username. */
    EMAIL_AS_GIT_USERNAME(Message.DIAGNOSIS_EMAIL_AS_GIT_USERNAME),
    /** An API token went to the REST API with a username that is not the account e-mail. */
    USERNAME_FOR_REST(Message.DIAGNOSIS_USERNAME_FOR_REST),
    /** No account e-mail was given, so the REST API could not be checked with an API token. */
    EMAIL_MISSING(Message.DIAGNOSIS_EMAIL_MISSING),
    /** The token is expired, revoked or unscoped (401 {@code Token is invalid...}). */
    TOKEN_INVALID_OR_EXPIRED(Message.DIAGNOSIS_TOKEN_INVALID),
    /** An API token was sent to the REST API as a Bearer token. */
    TOKEN_SENT_AS_BEARER(Message.DIAGNOSIS_TOKEN_SENT_AS_BEARER),
    /** The token is valid but lacks a scope (403). */
    MISSING_SCOPE(Message.DIAGNOSIS_MISSING_SCOPE),
    /** Git refused this username and secret for the repository. */
    NO_ACCESS(Message.DIAGNOSIS_NO_ACCESS),
    /** Bitbucket answered 401 without saying more. */
    CREDENTIALS_REJECTED(Message.DIAGNOSIS_CREDENTIALS_REJECTED),
    /** The repository does not exist or is not visible to the credential (404). */
    REPOSITORY_NOT_FOUND(Message.DIAGNOSIS_REPOSITORY_NOT_FOUND),
    /** The REST endpoint was removed (410 {@code CHANGE-2770}). */
    ENDPOINT_REMOVED(Message.DIAGNOSIS_ENDPOINT_REMOVED),
    /** A rate limit was hit (429) and retrying did not help within the retry policy. */
    RATE_LIMITED(Message.DIAGNOSIS_RATE_LIMITED),
    /** Bitbucket failed (5xx) and retrying did not help. */
    SERVER_ERROR(Message.DIAGNOSIS_SERVER_ERROR),
    /** Bitbucket could not be reached: DNS, connection, timeout, TLS. */
    NETWORK_ERROR(Message.DIAGNOSIS_NETWORK_ERROR),
    /** Bitbucket redirected; the redirect was not followed, so the secret stayed where it was configured to go. */
    REDIRECTED(Message.DIAGNOSIS_REDIRECTED),
    /** git stopped on its own configuration (for example a half-written {@code GIT_CONFIG_COUNT} entry). */
    GIT_CONFIGURATION(Message.DIAGNOSIS_GIT_CONFIGURATION),
    /** A checkout failed and git's output matched nothing known; names the credential and what to check. */
    CHECKOUT_FAILED(Message.CHECKOUT_FAILED),
    /** An answer this library does not recognise, reported with its status and Bitbucket's own message. */
    UNKNOWN_RESPONSE(Message.DIAGNOSIS_UNKNOWN_RESPONSE);

    private final Message message;

    DiagnosisCode(Message message) {
        this.message = message;
    }

    /** Returns the catalogue entry that explains this diagnosis and says what to do. */
    public Message message() {
        return message;
    }
}
