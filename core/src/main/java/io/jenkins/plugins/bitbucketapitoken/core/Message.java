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
    ACCESS_TOKEN_NOT_API_TOKEN(
            Severity.ERROR,
            "This is a Bitbucket access token (ATCTT...), not an Atlassian API token; it works only with the"
                    + " username " + BitbucketCloud.ACCESS_TOKEN_GIT_USERNAME + " and as a Bearer token.",
            "Store it as a Secret text credential instead (bitbucketCheckout sends it with "
                    + BitbucketCloud.ACCESS_TOKEN_GIT_USERNAME + "), or paste an API token here."),
    UNKNOWN_SHAPE_MAY_WORK(
            Severity.WARNING,
            "This is not shaped like an Atlassian API token (ATATT...); it will probably be refused.",
            "Check that you pasted the API token, not a password or an e-mail address, and use Test connection."),
    EMAIL_REQUIRED(
            Severity.ERROR,
            "The Atlassian account e-mail is required: the REST API accepts an API token only with it.",
            "Enter the e-mail address of the Atlassian account that created the token."),
    GIT_USERNAME_DEFAULT(
            Severity.INFO,
            "Git will use " + BitbucketCloud.API_TOKEN_GIT_USERNAME + ", which works with every API token.",
            ""),
    GIT_USERNAME_FOR_ACCESS_TOKENS(
            Severity.ERROR,
            BitbucketCloud.ACCESS_TOKEN_GIT_USERNAME + " is the Git username for access tokens; an API token needs"
                    + " your Bitbucket username or " + BitbucketCloud.API_TOKEN_GIT_USERNAME + ".",
            "Leave the Git username empty to use " + BitbucketCloud.API_TOKEN_GIT_USERNAME + "."),
    GIT_USERNAME_INVALID(
            Severity.ERROR,
            "{0} cannot be a Git username: it contains a space, a colon or a slash.",
            "Use your Bitbucket username as shown in your Bitbucket profile, or leave the field empty to use "
                    + BitbucketCloud.API_TOKEN_GIT_USERNAME + "."),
    EXPIRY_INVALID(
            Severity.ERROR,
            "{0} is not a date.",
            "Write the expiry date as YYYY-MM-DD, as shown for the token at " + BitbucketCloud.API_TOKEN_CREATION_PAGE
                    + "."),
    TOKEN_EXPIRED(
            Severity.ERROR,
            "The token expired on {0}; Bitbucket refuses it (HTTP 401).",
            "Create a new API token (tokens cannot be extended) and replace this one with it."),
    TOKEN_EXPIRES_SOON(
            Severity.WARNING,
            "The token expires on {0}, in {1} days.",
            "Create a new API token before then and replace this one with it; tokens cannot be extended."),
    EXPIRY_TOO_FAR(
            Severity.WARNING,
            "{0} is more than " + BitbucketCloud.API_TOKEN_MAX_LIFETIME_DAYS
                    + " days away; Atlassian API tokens expire at most that long after they are created.",
            "Check the expiry date shown for the token at " + BitbucketCloud.API_TOKEN_CREATION_PAGE + "."),
    EXPIRY_UNKNOWN(
            Severity.INFO,
            "No expiry date is set, so Jenkins cannot warn before the token stops working.",
            "Add the expiry date shown for the token at " + BitbucketCloud.API_TOKEN_CREATION_PAGE + "."),
    BRANCH_INVALID(
            Severity.ERROR,
            "{0} is not a valid branch, tag or commit name.",
            "Give a branch (main, release/2.x), a tag (refs/tags/v1.0 or tags/v1.0) or a commit id (7 to 40 hex"
                    + " digits)."),
    DEPTH_INVALID(
            Severity.ERROR,
            "depth must be 1 or more, not {0}.",
            "Give the number of commits to fetch, for example depth: 1, or leave depth out for the full history."),
    TIMEOUT_INVALID(
            Severity.ERROR,
            "timeout must be 1 minute or more, not {0}.",
            "Give the time git may take in minutes, for example timeout: 20, or leave it out for the default."),
    SPARSE_PATH_INVALID(
            Severity.ERROR,
            "{0} is not a usable sparse checkout path.",
            "Give paths inside the repository, such as src/ or docs/api, without .. or a leading /."),
    SHALLOW_COMMIT_IGNORED(
            Severity.WARNING,
            "depth is ignored when checking out commit {0}: a shallow fetch may not contain it.",
            "Check out a branch or tag to use a shallow clone."),
    CHECKOUT_APP_PASSWORD(
            Severity.ERROR,
            "The credential {0} holds a Bitbucket app password; Bitbucket removed app passwords on "
                    + BitbucketCloud.APP_PASSWORDS_REMOVED + " and answers 410 ("
                    + BitbucketCloud.APP_PASSWORD_CHANGE_ID
                    + ").",
            "Create an API token with scope " + BitbucketCloud.SCOPE_READ_REPOSITORY + " at "
                    + BitbucketCloud.API_TOKEN_CREATION_PAGE
                    + " and replace the credential with a Bitbucket API token credential of the same id."),
    CHECKOUT_UNSUPPORTED_CREDENTIAL(
            Severity.ERROR,
            "The credential {0} is a {1}; bitbucketCheckout takes a Bitbucket API token, a username with password"
                    + " or a secret text access token.",
            "Choose a Bitbucket API token credential, or create one."),
    CHECKOUT_CREDENTIAL_NOT_FOUND(
            Severity.ERROR,
            "No credential with id {0} is visible to this job.",
            "Check the id, and that the credential is in a folder above this job or global (not system-scoped)."),
    SUBMODULE_NOT_ON_BITBUCKET(
            Severity.ERROR,
            "The submodule {0} points to {1}, which is not a repository on the configured Bitbucket host {2};"
                    + " bitbucketCheckout hands its credential only to repositories there, so no submodule was"
                    + " updated.",
            "Point the submodule at a repository on {2} over https (a relative URL such as ../other.git works),"
                    + " or set submodules: false and check that repository out in a step with its own credential."),
    MIGRATION_CHANGED_SINCE_SHOWN(
            Severity.ERROR,
            "The credential {0} was changed or removed since this page showed it; nothing was replaced.",
            "Reload the page to see the credential as it is now, then replace it again if it still holds an app"
                    + " password."),
    MIGRATION_NOT_WRITTEN(
            Severity.ERROR,
            "The store refused to replace the credential {0}; it is left as it was.",
            "Check the Jenkins log and that the store can be written, then try again."),
    DEFAULT_BRANCH_UNKNOWN(
            Severity.ERROR,
            "No branch was given and the repository's main branch could not be read from the REST API: {0}",
            "Give the branch, for example branch: 'main', or fix what the REST API answered."),
    CHECKOUT_FAILED(
            Severity.ERROR,
            "git could not check out {0} with the credential {1} ({2}, Git username {3}), and its output does not"
                    + " say why in a way this step recognises.",
            "Read git's output above; check that the credential has scope " + BitbucketCloud.SCOPE_READ_REPOSITORY
                    + " on {0}, that the repository exists, and that this agent reaches {4}."),
    MONITOR_APP_PASSWORDS_REMOVED(
            Severity.ERROR,
            "Bitbucket removed app passwords on " + BitbucketCloud.APP_PASSWORDS_REMOVED
                    + " and jobs that still use them fail. Jobs on app passwords: {0}; app-password credentials: {1}.",
            "Replace each app-password credential with an API token on the Bitbucket app passwords page; the id"
                    + " stays, so no job needs to change."),
    MONITOR_APP_PASSWORDS_BROWNOUT(
            Severity.ERROR,
            "App passwords fail during Bitbucket's daily brownouts and stop for good on "
                    + BitbucketCloud.APP_PASSWORDS_REMOVED
                    + ". Jobs on app passwords: {0}; app-password credentials: {1}.",
            "Replace each app-password credential with an API token now; the id stays, so no job needs to change."),
    MONITOR_APP_PASSWORDS_DEPRECATED(
            Severity.WARNING,
            "Bitbucket app passwords stop working on " + BitbucketCloud.APP_PASSWORDS_REMOVED
                    + ". Jobs on app passwords: {0}; app-password credentials: {1}.",
            "Replace each app-password credential with an API token before then; the id stays, so no job needs to"
                    + " change."),
    MONITOR_TOKENS_EXPIRING(
            Severity.WARNING,
            "Bitbucket API tokens that have expired or expire within 30 days: {0}.",
            "Create new API tokens (they cannot be extended) and update the credentials before they stop working."),
    MIGRATION_NOT_AN_APP_PASSWORD(
            Severity.ERROR,
            "The credential {0} does not hold an app password; it is left as it is.",
            "Open the credential in its store to change it."),
    MIGRATION_BREAKS_UNCONFIRMED(
            Severity.ERROR,
            "Replacing {0} in place would break {1}: it sends the bound username to the REST API, and after the"
                    + " replacement that username is the Git username, which the REST API refuses.",
            "Make the change shown for each of them (bind the e-mail with bitbucketApiToken), or confirm that you will,"
                    + " then replace again."),
    AUDIT_BREAKING_USES(
            Severity.WARNING,
            "Before replacing a credential in place, change these jobs: they send the bound username to the REST API,"
                    + " which will then be the Git username.",
            "Make the change shown for each job, then replace the credential in place."),
    IMPACT_GIT(Severity.INFO, "Keeps working: Git gets the Git username.", ""),
    IMPACT_BRANCH_SOURCE(
            Severity.INFO,
            "Keeps working: bitbucket-branch-source sends the e-mail to the REST API and the Git username to Git.",
            ""),
    IMPACT_BINDING_REST(
            Severity.ERROR,
            "Breaks: the job sends the bound username to the REST API, which will then be the Git username.",
            "{0}"),
    IMPACT_UNKNOWN(
            Severity.WARNING,
            "Check it: after the replacement the job gets the Git username where it got the username before.",
            "If the job sends that username to the REST API (api.bitbucket.org), bind the e-mail instead with"
                    + " bitbucketApiToken(credentialsId: ..., emailVariable: ..., tokenVariable: ...)."),
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
    DIAGNOSIS_APP_PASSWORD_REMOVED(
            Severity.ERROR,
            "Bitbucket refused the secret on {0}: it is an app password, and Bitbucket removed app passwords on "
                    + BitbucketCloud.APP_PASSWORDS_REMOVED + " (" + BitbucketCloud.APP_PASSWORD_CHANGE_ID + ").",
            "Create an API token with scopes at " + BitbucketCloud.API_TOKEN_CREATION_PAGE
                    + " (app Bitbucket, scope " + BitbucketCloud.SCOPE_READ_REPOSITORY
                    + " for checkouts) and use it instead of the app password."),
    DIAGNOSIS_ACCOUNT_PASSWORD(
            Severity.ERROR,
            "Bitbucket refused the secret on {0}: it is an Atlassian account password, and those stopped working"
                    + " for Git and the REST API on " + BitbucketCloud.ACCOUNT_PASSWORDS_STOPPED + ".",
            "Create an API token with scopes at " + BitbucketCloud.API_TOKEN_CREATION_PAGE
                    + " and use it instead of the password."),
    DIAGNOSIS_EMAIL_AS_GIT_USERNAME(
            Severity.ERROR,
            "Git over HTTPS refused the username {0}: Bitbucket does not accept the account e-mail with an API"
                    + " token over Git (HTTP 401).",
            "Set the Git username to " + BitbucketCloud.API_TOKEN_GIT_USERNAME
                    + " (or your Bitbucket username) and keep the e-mail for the REST API."),
    DIAGNOSIS_USERNAME_FOR_REST(
            Severity.ERROR,
            "The REST API refused the username {0}: with an API token it takes only the Atlassian account e-mail"
                    + " (HTTP 401).",
            "Use the e-mail address of the Atlassian account that owns the token as the REST username; keep {0}"
                    + " for Git."),
    DIAGNOSIS_EMAIL_MISSING(
            Severity.ERROR,
            "The REST API was not checked: it takes an API token only with the Atlassian account e-mail, and no"
                    + " e-mail was given.",
            "Add the e-mail address of the Atlassian account that owns the token."),
    DIAGNOSIS_TOKEN_INVALID(
            Severity.ERROR,
            "Bitbucket says on {0} that the token is invalid, expired, or not supported. An API token fails like"
                    + " this when it has expired, was revoked, or was created without scopes (a classic token).",
            "Create a new API token with scopes at " + BitbucketCloud.API_TOKEN_CREATION_PAGE
                    + " (app Bitbucket; " + BitbucketCloud.SCOPE_READ_REPOSITORY + " and "
                    + BitbucketCloud.SCOPE_READ_USER + " at least) and replace this one; expiry cannot be"
                    + " extended."),
    DIAGNOSIS_TOKEN_SENT_AS_BEARER(
            Severity.ERROR,
            "The REST API refused the API token because it was sent as a Bearer token; API tokens work only with"
                    + " HTTP Basic and the account e-mail.",
            "Send the token with HTTP Basic, the Atlassian account e-mail as username; only access tokens"
                    + " (ATCTT...) go as Bearer."),
    DIAGNOSIS_MISSING_SCOPE(
            Severity.ERROR,
            "The token is valid but lacks {1} on {0}.{2}",
            "Scopes cannot be added to an existing token: create a new API token at "
                    + BitbucketCloud.API_TOKEN_CREATION_PAGE + " with {3} and replace this one."),
    DIAGNOSIS_SCOPES_GRANTED(Severity.INFO, " It has {0}.", ""),
    DIAGNOSIS_SOME_SCOPE(Severity.INFO, "a scope this request needs", ""),
    DIAGNOSIS_NO_ACCESS(
            Severity.ERROR,
            "Bitbucket refused {0} access for the username {1}: this username and secret have no access to the"
                    + " repository, or it no longer exists in this workspace.",
            "Check that the token belongs to an account that can see the repository, and that the Git username is"
                    + " " + BitbucketCloud.API_TOKEN_GIT_USERNAME + " or your Bitbucket username ("
                    + BitbucketCloud.ACCESS_TOKEN_GIT_USERNAME + " for access tokens)."),
    DIAGNOSIS_CREDENTIALS_REJECTED(
            Severity.ERROR,
            "Bitbucket rejected the username {1} with this secret on {0} (HTTP 401).",
            "Check that the token is the one you created for this account and that it was copied in full;"
                    + " the classify command checks a token offline."),
    DIAGNOSIS_REPOSITORY_NOT_FOUND(
            Severity.ERROR,
            "Bitbucket answered 404 on {0}: the repository does not exist, or this credential cannot see it.",
            "Check the workspace and slug (as in the repository URL); if they are right, ask a workspace admin to"
                    + " give the token's account read access."),
    DIAGNOSIS_ENDPOINT_REMOVED(
            Severity.ERROR,
            "Bitbucket removed this REST endpoint (" + BitbucketCloud.REMOVED_ENDPOINT_CHANGE_ID + ").",
            "Use GET /2.0" + BitbucketCloud.USER_WORKSPACES_PATH
                    + " or per-workspace endpoints instead, and update the tool that still calls it."),
    DIAGNOSIS_RATE_LIMITED(
            Severity.ERROR,
            "Bitbucket's rate limit was hit on {0} (HTTP 429); the limits are per hour.",
            "Try again {1}; if it keeps happening, spread the jobs that poll Bitbucket over time."),
    DIAGNOSIS_RETRY_LATER(Severity.INFO, "later", ""),
    DIAGNOSIS_RETRY_AFTER(Severity.INFO, "in {0} seconds (Bitbucket's Retry-After)", ""),
    DIAGNOSIS_SERVER_ERROR(
            Severity.ERROR,
            "Bitbucket had a server error on {0} (HTTP {1}); this says nothing about the credential.",
            "Try again in a few minutes, and check " + BitbucketCloud.STATUS_PAGE + " for an outage."),
    DIAGNOSIS_NETWORK_ERROR(
            Severity.ERROR,
            "Could not reach {0} for {1} ({2}).",
            "Check the base URL, the network and the proxy settings, then try again."),
    DIAGNOSIS_GIT_CONFIGURATION(
            Severity.ERROR,
            "git refused its own configuration before it reached {0} (\"{2}\"); the credential was not tried.",
            "Check the GIT_CONFIG_* and GIT_CONFIG_PARAMETERS variables of the agent and the job, and the agent's"
                    + " .gitconfig; git 2.31 or later reads GIT_CONFIG_COUNT, which needs a key and a value for each"
                    + " entry."),
    DIAGNOSIS_UNKNOWN_RESPONSE(
            Severity.ERROR,
            "Bitbucket answered HTTP {1} on {0}, an answer this tool does not recognise.",
            "Read Bitbucket's message; if it persists, report the status and message (never the token)."),
    DIAGNOSIS_NOT_GIT(
            Severity.ERROR,
            "{0} answered HTTP 200 but not with a Git repository advertisement.",
            "Check that the Git base URL points to Bitbucket Cloud (" + BitbucketCloud.DEFAULT_GIT_URL
                    + ") or to a proxy that passes Git over HTTPS through."),
    DIAGNOSIS_REDIRECTED(
            Severity.ERROR,
            "Bitbucket answered HTTP {1} on {0}, a redirect to {2}; it was not followed, so the secret was not sent"
                    + " there.",
            "Configure the base URL Bitbucket redirects to, if you trust it, or check the repository name (a"
                    + " renamed repository redirects)."),
    DIAGNOSIS_BITBUCKET_SAID(Severity.INFO, " Bitbucket said: \"{0}\"", ""),
    DIAGNOSIS_BITBUCKET(Severity.INFO, "Bitbucket", ""),
    CHANNEL_GIT(Severity.INFO, "Git over HTTPS", ""),
    CHANNEL_REST(Severity.INFO, "the REST API", ""),
    DIAGNOSIS_INTERRUPTED(Severity.INFO, "interrupted", ""),
    UNTRUSTED_DESTINATION(
            Severity.ERROR,
            "Refused to send the credential to {0}: it is not below the configured base URL {1}.",
            "Fix the repository URL, or configure {0} as the base URL if it is a proxy or mirror you trust with"
                    + " the token."),
    AUDIT_APP_PASSWORDS_IN_USE(
            Severity.ERROR,
            "{0} item(s) still use a Bitbucket app password.",
            "For each app-password credential they use: create an API token with scopes at "
                    + BitbucketCloud.API_TOKEN_CREATION_PAGE + " (scope " + BitbucketCloud.SCOPE_READ_REPOSITORY
                    + " for checkouts) and replace the credential with a Bitbucket API token credential of the same id"
                    + " (with the plugin: Manage Jenkins > Bitbucket app passwords > Replace), so no item needs to"
                    + " change; without the plugin, store it as a username/password with the Git username "
                    + BitbucketCloud.API_TOKEN_GIT_USERNAME + ". Then scan again."),
    AUDIT_NO_APP_PASSWORDS(Severity.INFO, "No item uses a Bitbucket app password.", ""),
    AUDIT_SECRETS_UNREADABLE_NOTE(
            Severity.INFO,
            "Secrets were not readable: credentials whose secret is encrypted show kind UNKNOWN, unless their files"
                    + " prove that they are no app password (see each one's evidence).",
            ""),
    AUDIT_POSSIBLY(
            Severity.WARNING,
            "Secrets could not be read, so the answer is \"possibly\": {0} item(s) may use a Bitbucket app"
                    + " password; the files prove that the other items do not.",
            "Run the scan as a user who may read secrets/master.key and secrets/hudson.util.Secret of this Jenkins"
                    + " home for a certain answer, or check the credentials named below in Jenkins."),
    AUDIT_POSSIBLY_AND_CERTAIN(
            Severity.WARNING,
            "Secrets could not be read, so the answer is \"possibly\" for {0} item(s) that may use a Bitbucket app"
                    + " password; {1} item(s) use one for certain (their secrets are stored in plain text).",
            "Run the scan as a user who may read secrets/master.key and secrets/hudson.util.Secret of this Jenkins"
                    + " home for a certain answer, or check the credentials named below in Jenkins."),
    AUDIT_UNREADABLE_BUT_CERTAIN(
            Severity.WARNING,
            "Secrets could not be read, but the files prove which items use a Bitbucket app password: {0} do, no"
                    + " other may.",
            "Replace the app passwords they use, as described below."),
    AUDIT_POSSIBLY_NONE(
            Severity.INFO,
            "Secrets could not be read, but the files prove that no item uses a Bitbucket app password.",
            ""),
    AUDIT_POSSIBLY_ALSO(
            Severity.WARNING,
            "{0} more item(s) may use a Bitbucket app password: their credentials' secrets could not be read.",
            "Run the scan as a user who may read secrets/master.key and secrets/hudson.util.Secret of this Jenkins"
                    + " home for a certain answer, or check the credentials named below in Jenkins."),
    AUDIT_POSSIBLE_REFERENCE(Severity.INFO, "{0} in {1} ({2}): {3}", ""),
    EVIDENCE_SHAPE_API_TOKEN(
            Severity.INFO, "the secret starts with " + BitbucketCloud.API_TOKEN_PREFIX + " (an API token)", ""),
    EVIDENCE_SHAPE_ACCESS_TOKEN(
            Severity.INFO, "the secret starts with " + BitbucketCloud.ACCESS_TOKEN_PREFIX + " (an access token)", ""),
    EVIDENCE_SHAPE_APP_PASSWORD(
            Severity.INFO,
            "the secret starts with " + BitbucketCloud.APP_PASSWORD_PREFIX + " (the newer app-password form)",
            ""),
    EVIDENCE_SHAPE_OLDER_APP_PASSWORD(
            Severity.INFO, "the secret is 20 letters and digits (the older app-password form)", ""),
    EVIDENCE_SHAPE_TWENTY_LETTERS(
            Severity.INFO,
            "the secret is 20 letters without a digit: the older app-password form, or a plain password",
            ""),
    EVIDENCE_SHAPE_OTHER(Severity.INFO, "the secret has none of the shapes of Bitbucket secrets", ""),
    EVIDENCE_TOO_LONG(Severity.INFO, "the secret is longer than {0} characters, which no app password or token is", ""),
    EVIDENCE_NO_SECRET_TYPE(
            Severity.INFO,
            "a {0}: not a type that holds an app password (username and password, secret text or token)",
            ""),
    EVIDENCE_NO_SECRET_FOUND(
            Severity.INFO, "its type holds a password or token, but none is stored where this scan looks", ""),
    EVIDENCE_SECRET_UNREADABLE(Severity.INFO, "its secret is encrypted and the keys could not be read", ""),
    EVIDENCE_DOES_NOT_DECRYPT(
            Severity.INFO,
            "its secret does not decrypt with this Jenkins home's keys (damaged, or from another Jenkins)",
            ""),
    EVIDENCE_LEGACY_OR_PLAIN(
            Severity.INFO,
            "its secret is plain text, or encrypted in Jenkins' older form, which the keys could not check",
            ""),
    EVIDENCE_LENGTH_FITS(
            Severity.INFO,
            "the encrypted secret holds {0} to {1} bytes: room for an app password ("
                    + BitbucketCloud.OLD_APP_PASSWORD_LENGTH + " or " + BitbucketCloud.APP_PASSWORD_LENGTH
                    + " characters)",
            ""),
    EVIDENCE_LENGTH_EXCLUDES(
            Severity.INFO,
            "the encrypted secret holds {0} to {1} bytes, and an app password has "
                    + BitbucketCloud.OLD_APP_PASSWORD_LENGTH + " or " + BitbucketCloud.APP_PASSWORD_LENGTH
                    + " characters",
            ""),
    EVIDENCE_USERNAME_PLAIN(
            Severity.INFO,
            "username {0} is neither an e-mail address nor a fixed token name: app passwords went with the"
                    + " Bitbucket username",
            ""),
    EVIDENCE_USERNAME_EMAIL(
            Severity.INFO, "username {0} is an e-mail address, and app passwords went with the Bitbucket username", ""),
    EVIDENCE_USERNAME_API_TOKEN(
            Severity.INFO, "username {0} is the fixed name for API tokens, never used with app passwords", ""),
    EVIDENCE_USERNAME_ACCESS_TOKEN(
            Severity.INFO, "username {0} is the fixed name for access tokens, never used with app passwords", ""),
    EVIDENCE_USERNAME_HIDDEN(Severity.INFO, "its username is marked secret", ""),
    EVIDENCE_BITBUCKET_DOMAIN(Severity.INFO, "it is in a credentials domain for bitbucket.org", ""),
    EVIDENCE_CLOUD_USE(Severity.INFO, "{0} uses it with Bitbucket Cloud ({1})", ""),
    EVIDENCE_NO_CLOUD_USE(Severity.INFO, "no item uses it with Bitbucket Cloud", ""),
    EVIDENCE_ONLY_OTHER_HOSTS(
            Severity.INFO, "every item that uses it does so with {0}, which is not Bitbucket Cloud", ""),
    AUDIT_SECRETS_UNREADABLE(
            Severity.WARNING,
            "The stored secrets cannot be decrypted: {0}. Credentials whose secret is encrypted show kind UNKNOWN,"
                    + " unless their files prove that they are no app password.",
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
    AUDIT_XML_TOO_DEEP(
            Severity.WARNING,
            "The file nests elements more than {0} levels deep, far deeper than Jenkins writes; it was not read.",
            "Find out who wrote the file; restore it from a backup or re-save the item in Jenkins."),
    AUDIT_XML_BAD_ENCODING(
            Severity.WARNING,
            "The XML declaration names \"{0}\" as the encoding, which is not an encoding Java knows; the file was"
                    + " not read.",
            "Jenkins writes UTF-8: correct the declaration to encoding='UTF-8' or restore the file from a backup,"
                    + " then scan again."),
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
