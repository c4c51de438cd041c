package io.jenkins.plugins.bitbucketapitoken.core.verify;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Reads scope lists as Bitbucket writes them in headers: separated by commas or spaces. */
final class ScopeList {

    private static final int MAX_INPUT = 8 * 1024;
    private static final int MAX_SCOPES = 100;

    private ScopeList() {}

    /** Splits a header value into scope names, without repeats and without anything that is not a name. */
    static List<String> parse(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        String input = value.length() > MAX_INPUT ? value.substring(0, MAX_INPUT) : value;
        List<String> scopes = new ArrayList<>();
        for (String part : input.split("[,\\s]+")) {
            if (BitbucketErrorBody.isScopeName(part) && scopes.size() < MAX_SCOPES) {
                scopes.add(part);
            }
        }
        return List.copyOf(new LinkedHashSet<>(scopes));
    }
}
