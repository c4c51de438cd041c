package io.jenkins.plugins.bitbucketapitoken.core.checkout;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the environment that makes command-line git use only the credential Jenkins hands it.
 *
 * <p>Git asks configured credential helpers <em>before</em> {@code GIT_ASKPASS}, so a credential manager on an
 * agent that still holds an old app password would win over the job's credential and fail with HTTP 410. An empty
 * {@code credential.helper} resets the helper list. It is passed as {@code 'credential.helper='} in
 * {@code GIT_CONFIG_PARAMETERS}, the variable through which {@code git -c} hands configuration to its
 * sub-processes; every git version since 1.7 reads it, and it touches no configuration file and no command line.
 *
 * <p>Every value returned is non-empty on purpose: Jenkins' {@code EnvVars} drops variables whose value is empty
 * on the way to a process, so the {@code GIT_CONFIG_COUNT} / {@code GIT_CONFIG_VALUE_n} form (which needs an empty
 * value) would reach git half-written and make every git command fail.
 */
public final class GitEnvironment {

    /** The variable that carries {@code git -c} settings to git and its sub-processes. */
    public static final String CONFIG_PARAMETERS = "GIT_CONFIG_PARAMETERS";

    private static final String RESET_HELPERS = "'credential.helper='";

    private GitEnvironment() {}

    /**
     * Returns the variables to add to an environment so that git ignores credential helpers and never prompts.
     *
     * @param existing the environment git would otherwise get; its own {@code GIT_CONFIG_PARAMETERS} entries are
     *     kept, and its {@code GIT_CONFIG_COUNT} entries are left alone
     * @return the variables to add or replace, each with a non-empty value
     */
    public static Map<String, String> isolatingCredentialHelpers(Map<String, String> existing) {
        return isolatingCredentialHelpers(existing, Optional.empty());
    }

    /**
     * Returns the variables to add to an environment so that git ignores credential helpers and never prompts, and,
     * for a checkout that pulls Git LFS files, pins the LFS endpoint to the repository's own. A committed
     * {@code .lfsconfig} can name any {@code lfs.url}, and git-lfs would send the checkout's credential there; git's
     * own configuration, and so {@code GIT_CONFIG_PARAMETERS}, takes precedence over {@code .lfsconfig}.
     *
     * @param existing the environment git would otherwise get; its own {@code GIT_CONFIG_PARAMETERS} entries are
     *     kept, and its {@code GIT_CONFIG_COUNT} entries are left alone
     * @param cloneUrl the repository's clone URL when LFS files are pulled; empty otherwise
     * @return the variables to add or replace, each with a non-empty value
     */
    public static Map<String, String> isolatingCredentialHelpers(Map<String, String> existing, Optional<URI> cloneUrl) {
        List<String> entries = new ArrayList<>();
        entries.add(RESET_HELPERS);
        cloneUrl.map(GitEnvironment::lfsEndpoint).ifPresent(lfs -> entries.add(quoted("lfs.url=" + lfs)));
        Map<String, String> added = new LinkedHashMap<>();
        added.put(CONFIG_PARAMETERS, withEntries(existing.get(CONFIG_PARAMETERS), String.join(" ", entries)));
        added.put("GIT_TERMINAL_PROMPT", "0");
        added.put("GCM_INTERACTIVE", "never");
        return added;
    }

    /**
     * Returns the Git LFS endpoint of a repository, as git-lfs derives it from an https clone URL.
     *
     * @param cloneUrl the clone URL, ending in {@code .git}
     * @return the endpoint, {@code <cloneUrl>/info/lfs}
     */
    public static URI lfsEndpoint(URI cloneUrl) {
        return URI.create(cloneUrl + "/info/lfs");
    }

    private static String withEntries(String parameters, String entries) {
        if (parameters == null || parameters.isBlank()) {
            return entries;
        }
        String kept = parameters.strip();
        return kept.endsWith(entries) ? kept : kept + " " + entries;
    }

    /** Quotes one {@code key=value} as git writes it into {@code GIT_CONFIG_PARAMETERS}. */
    private static String quoted(String entry) {
        return "'" + entry.replace("'", "'\\''") + "'";
    }
}
