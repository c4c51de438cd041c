package io.jenkins.plugins.bitbucketapitoken.core.checkout;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the environment that makes command-line git use only the credential Jenkins hands it.
 *
 * <p>Git asks configured credential helpers <em>before</em> {@code GIT_ASKPASS}, so a credential manager on an
 * agent that still holds an old app password would win over the job's credential and fail with HTTP 410. An empty
 * {@code credential.helper} resets the helper list; it is passed through {@code GIT_CONFIG_COUNT} /
 * {@code GIT_CONFIG_KEY_n} / {@code GIT_CONFIG_VALUE_n} (git 2.31 and later), which neither touches any
 * configuration file nor appears on the command line. Older git ignores these variables.
 */
public final class GitEnvironment {

    private static final String COUNT = "GIT_CONFIG_COUNT";

    private GitEnvironment() {}

    /**
     * Returns the variables to add to an environment so that git ignores credential helpers and never prompts.
     *
     * @param existing the environment git would otherwise get; its own {@code GIT_CONFIG_*} entries are kept
     * @return the variables to add or replace
     */
    public static Map<String, String> isolatingCredentialHelpers(Map<String, String> existing) {
        int index = parseCount(existing.get(COUNT));
        Map<String, String> added = new LinkedHashMap<>();
        added.put("GIT_CONFIG_KEY_" + index, "credential.helper");
        added.put("GIT_CONFIG_VALUE_" + index, "");
        added.put(COUNT, Integer.toString(index + 1));
        added.put("GIT_TERMINAL_PROMPT", "0");
        added.put("GCM_INTERACTIVE", "never");
        return added;
    }

    private static int parseCount(String count) {
        if (count == null) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(count.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
