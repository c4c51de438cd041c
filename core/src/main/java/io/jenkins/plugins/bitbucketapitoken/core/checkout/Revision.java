package io.jenkins.plugins.bitbucketapitoken.core.checkout;

import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.Validated;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Names what to check out, and knows the refspec and branch specifier Git needs for it.
 *
 * <p>A plain name is a branch; a tag needs {@code refs/tags/} or {@code tags/}; 7 to 40 hex digits are a commit.
 * Branches and tags are fetched with a narrow refspec (only that ref), which keeps big repositories fast.
 *
 * @param kind branch, tag or commit
 * @param name the branch or tag name without its {@code refs/...} prefix, or the commit id
 */
public record Revision(RevisionKind kind, String name) {

    private static final Pattern COMMIT = Pattern.compile("[0-9a-fA-F]{7,40}");
    // git check-ref-format, in short: no control characters, spaces, ~^:?*[\, no "..", "@{", "//", no leading
    // or trailing "/" or ".", no ".lock" ending; and no leading "-", which a command line could take for an option.
    private static final Pattern FORBIDDEN =
            Pattern.compile("[\\x00-\\x20\\x7f~^:?*\\[\\\\]|\\.\\.|@\\{|//|^[/.-]|[/.]$|\\.lock$|^@$|/\\.");

    /** Checks that no part is missing. */
    public Revision {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    /**
     * Reads a {@code branch} option.
     *
     * @param text a branch, tag or commit as a person writes it
     * @return the revision, or what is wrong with the text
     */
    public static Validated<Revision> parse(String text) {
        String t = text == null ? "" : text.strip();
        if (COMMIT.matcher(t).matches() && t.chars().anyMatch(Character::isDigit)) {
            return Validated.valid(new Revision(RevisionKind.COMMIT, t.toLowerCase(Locale.ROOT)));
        }
        RevisionKind kind = RevisionKind.BRANCH;
        String name = t;
        if (t.startsWith("refs/heads/")) {
            name = t.substring("refs/heads/".length());
        } else if (t.startsWith("refs/tags/")) {
            kind = RevisionKind.TAG;
            name = t.substring("refs/tags/".length());
        } else if (t.startsWith("tags/")) {
            kind = RevisionKind.TAG;
            name = t.substring("tags/".length());
        } else if (t.startsWith("origin/")) {
            name = t.substring("origin/".length());
        }
        if (name.isEmpty() || name.length() > 255 || FORBIDDEN.matcher(name).find() || name.startsWith("refs/")) {
            return Validated.invalid(Message.BRANCH_INVALID.problem(t.length() > 80 ? t.substring(0, 80) + "..." : t));
        }
        return Validated.valid(new Revision(kind, name));
    }

    /**
     * Returns a branch revision.
     *
     * @param name the branch name
     * @return the revision
     */
    public static Revision branch(String name) {
        return new Revision(RevisionKind.BRANCH, name);
    }

    /** Returns the refspec that fetches exactly what is needed into the {@code origin} namespace. */
    public String refspec() {
        return switch (kind) {
            case BRANCH -> "+refs/heads/" + name + ":refs/remotes/origin/" + name;
            case TAG -> "+refs/tags/" + name + ":refs/tags/" + name;
            case COMMIT -> "+refs/heads/*:refs/remotes/origin/*";
        };
    }

    /** Returns the branch specifier for the Git plugin: a full ref, or the commit id. */
    public String branchSpec() {
        return switch (kind) {
            case BRANCH -> "refs/heads/" + name;
            case TAG -> "refs/tags/" + name;
            case COMMIT -> name;
        };
    }
}
