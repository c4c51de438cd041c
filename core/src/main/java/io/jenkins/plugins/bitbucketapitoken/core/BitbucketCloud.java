package io.jenkins.plugins.bitbucketapitoken.core;

import java.net.URI;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Holds every fact about Bitbucket Cloud that this project builds on: dates, fixed usernames, secret shapes,
 * default addresses, scopes and the messages Bitbucket answers with.
 *
 * <p>This is the one place to correct when Atlassian changes something; the facts and their sources are
 * described in {@code docs/architecture.md}. Nothing here is a secret.
 */
public final class BitbucketCloud {

    /** The day Atlassian account passwords stopped working for Git over HTTPS and the REST API. */
    public static final LocalDate ACCOUNT_PASSWORDS_STOPPED = LocalDate.of(2022, 3, 1);

    /** The day Bitbucket stopped letting anyone create new app passwords. */
    public static final LocalDate APP_PASSWORD_CREATION_DISABLED = LocalDate.of(2025, 9, 9);

    /** The day the app password brownouts began (failures in daily windows). */
    public static final LocalDate APP_PASSWORD_BROWNOUTS_BEGIN = LocalDate.of(2026, 6, 9);

    /** The day app passwords were removed for good (Atlassian change CHANGE-3222). */
    public static final LocalDate APP_PASSWORDS_REMOVED = LocalDate.of(2026, 7, 28);

    /** The fixed Git username that works with any Atlassian API token. */
    public static final String API_TOKEN_GIT_USERNAME = "x-bitbucket-api-token-auth";

    /** The fixed Git username for repository, project and workspace access tokens and OAuth tokens. */
    public static final String ACCESS_TOKEN_GIT_USERNAME = "x-token-auth";

    /** The prefix every Atlassian API token starts with. */
    public static final String API_TOKEN_PREFIX = "ATATT3xFfGF0";

    /** The prefix of Bitbucket access tokens (also used by Atlassian organisation admin keys). */
    public static final String ACCESS_TOKEN_PREFIX = "ATCTT3xFfGN0";

    /** The prefix of the newer app passwords. */
    public static final String APP_PASSWORD_PREFIX = "ATBB";

    /** The length of a newer app password: prefix, 24 letters and digits, 8 hex digits of CRC32. */
    public static final int APP_PASSWORD_LENGTH = 36;

    /** The length of an older app password: letters and digits only (user reports, uncertain). */
    public static final int OLD_APP_PASSWORD_LENGTH = 20;

    /** The longest an API token can live: expiry is mandatory, 1 to 365 days, and cannot be extended. */
    public static final int API_TOKEN_MAX_LIFETIME_DAYS = 365;

    /** The default REST API base. */
    public static final URI DEFAULT_API_URL = URI.create("https://api.bitbucket.org/2.0");

    /** The default base for Git over HTTPS and browser links. */
    public static final URI DEFAULT_GIT_URL = URI.create("https://bitbucket.org");

    /** The host names Bitbucket Cloud serves repositories from without any configuration. */
    public static final List<String> CLOUD_HOSTS = List.of("bitbucket.org", "www.bitbucket.org");

    /** The scope every checkout, fetch and ls-remote needs. */
    public static final String SCOPE_READ_REPOSITORY = "read:repository:bitbucket";

    /** The scope a push needs, in addition to {@link #SCOPE_READ_REPOSITORY}. */
    public static final String SCOPE_WRITE_REPOSITORY = "write:repository:bitbucket";

    /** The scope {@code GET /2.0/user} needs. */
    public static final String SCOPE_READ_USER = "read:user:bitbucket";

    /** Atlassian's page on making and using API tokens. */
    public static final URI API_TOKEN_HELP =
            URI.create("https://support.atlassian.com/bitbucket-cloud/docs/using-api-tokens/");

    /** Where API tokens are created. */
    public static final URI API_TOKEN_CREATION_PAGE =
            URI.create("https://id.atlassian.com/manage-profile/security/api-tokens");

    /** The change id in Bitbucket's answers to app passwords after their removal. */
    public static final String APP_PASSWORD_CHANGE_ID = "CHANGE-3222";

    /** The change id in Bitbucket's answers to removed workspace endpoints. */
    public static final String REMOVED_ENDPOINT_CHANGE_ID = "CHANGE-2770";

    /** Bitbucket's own text for an app password after the removal (Git and REST). */
    public static final String APP_PASSWORD_DEPRECATED_TEXT =
            "App passwords are deprecated and must be replaced with API tokens.";

    /** Bitbucket's own text for an expired, unscoped or Bearer-sent API token. */
    public static final String TOKEN_INVALID_TEXT = "Token is invalid, expired, or not supported for this endpoint.";

    /** Bitbucket's own text for a token that lacks a scope. */
    public static final String MISSING_SCOPE_TEXT = "Your credentials lack one or more required privilege scopes.";

    /** Bitbucket's own text for a wrong username on the REST channel. */
    public static final String LOGIN_FAILED_TEXT = "Login failed due to incorrect login credentials or method.";

    /** Bitbucket's own text for an account password (since 2022). */
    public static final String ACCOUNT_PASSWORD_TEXT = "Bitbucket Cloud recently stopped supporting account passwords";

    /** Bitbucket's own text when a repository does not exist or is not visible. */
    public static final String REPOSITORY_NOT_FOUND_TEXT =
            "The requested repository either does not exist or you do not have access.";

    /** Bitbucket's own text on Git when the pair of username and secret has no access. */
    public static final String GIT_NO_ACCESS_TEXT =
            "You may not have access to this repository or it no longer exists in this workspace.";

    /** Bitbucket's own text when a rate limit is hit. */
    public static final String RATE_LIMIT_TEXT = "Rate limit for this resource has been exceeded.";

    /** Bitbucket's first line on Git for an app password after the removal. */
    public static final String APP_PASSWORD_GIT_FIRST_LINE =
            APP_PASSWORD_CHANGE_ID + " - Functionality has been deprecated";

    /** Bitbucket's own text for Basic authentication that fails on Git, asking for credentials again. */
    public static final String AUTHENTICATION_FAILED_TEXT = "Authentication failed";

    /** The scopes a full check of both channels needs: identity, read and (for a push check) write. */
    public static final List<String> VERIFY_SCOPES = List.of(SCOPE_READ_USER, SCOPE_READ_REPOSITORY);

    /** The access token scope (older naming) that Git reads and {@code GET /2.0/repositories/...} need. */
    public static final String ACCESS_TOKEN_SCOPE_READ_REPOSITORY = "repository";

    /** The access token scope (older naming) that a push needs. */
    public static final String ACCESS_TOKEN_SCOPE_WRITE_REPOSITORY = "repository:write";

    /** The REST path that tells who a credential belongs to. */
    public static final String USER_PATH = "/user";

    /** The REST path of a repository, with {@code {workspace}} and {@code {slug}} to fill in. */
    public static final String REPOSITORY_PATH = "/repositories/{workspace}/{slug}";

    /** The removed REST paths (CHANGE-2770) that answer 410 since about 2026-04-14. */
    public static final List<String> REMOVED_PATHS = List.of("/workspaces", "/user/permissions/workspaces");

    /** The REST path that replaces the removed workspace listings. */
    public static final String USER_WORKSPACES_PATH = "/user/workspaces";

    /** The undocumented response header that lists the scopes granted to the token, when Bitbucket sends it. */
    public static final String SCOPES_HEADER = "X-OAuth-Scopes";

    /** The undocumented response header that names the kind of credential ({@code api_token}, ...). */
    public static final String CREDENTIAL_TYPE_HEADER = "X-Credential-Type";

    /** Git's service name for reading (clone, fetch, ls-remote) in the smart HTTP protocol. */
    public static final String GIT_UPLOAD_PACK = "git-upload-pack";

    /** Git's service name for a push in the smart HTTP protocol. */
    public static final String GIT_RECEIVE_PACK = "git-receive-pack";

    /** Git's hourly request limit on Bitbucket Cloud. */
    public static final int GIT_REQUESTS_PER_HOUR = 60_000;

    /** Where Atlassian reports Bitbucket Cloud outages. */
    public static final URI STATUS_PAGE = URI.create("https://bitbucket.status.atlassian.com");

    private BitbucketCloud() {}

    /**
     * Returns the facts that message texts name, such as {@code {appPasswordsRemoved}}, by the names the texts use.
     * Translations name facts and never repeat them, so a corrected fact is corrected in every language.
     *
     * @return each fact's name and value, as text
     */
    public static Map<String, String> messageFacts() {
        return Collections.unmodifiableMap(MESSAGE_FACTS);
    }

    private static final Map<String, String> MESSAGE_FACTS = Map.ofEntries(
            Map.entry("accessTokenGitUsername", String.valueOf(ACCESS_TOKEN_GIT_USERNAME)),
            Map.entry("accessTokenPrefix", String.valueOf(ACCESS_TOKEN_PREFIX)),
            Map.entry("accountPasswordsStopped", String.valueOf(ACCOUNT_PASSWORDS_STOPPED)),
            Map.entry("apiTokenCreationPage", String.valueOf(API_TOKEN_CREATION_PAGE)),
            Map.entry("apiTokenGitUsername", String.valueOf(API_TOKEN_GIT_USERNAME)),
            Map.entry("apiTokenMaxLifetimeDays", String.valueOf(API_TOKEN_MAX_LIFETIME_DAYS)),
            Map.entry("apiTokenPrefix", String.valueOf(API_TOKEN_PREFIX)),
            Map.entry("appPasswordBrownoutsBegin", String.valueOf(APP_PASSWORD_BROWNOUTS_BEGIN)),
            Map.entry("appPasswordChangeId", String.valueOf(APP_PASSWORD_CHANGE_ID)),
            Map.entry("appPasswordCreationDisabled", String.valueOf(APP_PASSWORD_CREATION_DISABLED)),
            Map.entry("appPasswordLength", String.valueOf(APP_PASSWORD_LENGTH)),
            Map.entry("appPasswordPrefix", String.valueOf(APP_PASSWORD_PREFIX)),
            Map.entry("appPasswordsRemoved", String.valueOf(APP_PASSWORDS_REMOVED)),
            Map.entry("defaultGitUrl", String.valueOf(DEFAULT_GIT_URL)),
            Map.entry("oldAppPasswordLength", String.valueOf(OLD_APP_PASSWORD_LENGTH)),
            Map.entry("removedEndpointChangeId", String.valueOf(REMOVED_ENDPOINT_CHANGE_ID)),
            Map.entry("scopeReadRepository", String.valueOf(SCOPE_READ_REPOSITORY)),
            Map.entry("scopeReadUser", String.valueOf(SCOPE_READ_USER)),
            Map.entry("statusPage", String.valueOf(STATUS_PAGE)),
            Map.entry("userWorkspacesPath", String.valueOf(USER_WORKSPACES_PATH)));
}
