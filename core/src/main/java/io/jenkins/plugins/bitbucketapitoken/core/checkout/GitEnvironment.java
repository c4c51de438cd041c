package io.jenkins.plugins.bitbucketapitoken.core.checkout;

import java.util.LinkedHashMap;
import java.util.Map;

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
        Map<String, String> added = new LinkedHashMap<>();
        added.put(CONFIG_PARAMETERS, withHelpersReset(existing.get(CONFIG_PARAMETERS)));
        added.put("GIT_TERMINAL_PROMPT", "0");
        added.put("GCM_INTERACTIVE", "never");
        return added;
    }

    private static String withHelpersReset(String parameters) {
        if (parameters == null || parameters.isBlank()) {
            return RESET_HELPERS;
        }
        String kept = parameters.strip();
        return kept.endsWith(RESET_HELPERS) ? kept : kept + " " + RESET_HELPERS;
    }
}
