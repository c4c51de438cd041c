package io.jenkins.plugins.bitbucketapitoken.core.audit;

import io.jenkins.plugins.bitbucketapitoken.core.timeline.DeprecationPhase;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Holds the answer of an audit: which items use which credentials, which of them are app passwords, and what
 * could not be read. The value behind the {@code scan} command's JSON document (see {@code docs/audit.md}).
 *
 * @param jenkinsHome the Jenkins home that was audited, as given
 * @param asOf the day the report is for
 * @param phase where Bitbucket's removal of app passwords stands that day
 * @param secretsReadable whether stored secrets could be decrypted
 * @param itemsScanned how many item configurations were read
 * @param credentials every credential found, sorted by store and id
 * @param items the items that name a credential or talk to Bitbucket, sorted by full name
 * @param jobsUsingAppPasswords the full names of the items whose configuration must change, sorted
 * @param skipped what was not read, or not read in full, and why
 */
public record AuditReport(
        String jenkinsHome,
        LocalDate asOf,
        DeprecationPhase phase,
        boolean secretsReadable,
        int itemsScanned,
        List<AuditedCredential> credentials,
        List<AuditedItem> items,
        List<String> jobsUsingAppPasswords,
        List<SkippedFile> skipped) {

    /** Copies the lists and checks that no part is missing. */
    public AuditReport {
        Objects.requireNonNull(jenkinsHome, "jenkinsHome");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(phase, "phase");
        credentials = List.copyOf(credentials);
        items = List.copyOf(items);
        jobsUsingAppPasswords = jobsUsingAppPasswords.stream().sorted().toList();
        skipped = List.copyOf(skipped);
    }

    /** Answers whether items use app passwords: yes, no, or possibly, when secrets could not be read. */
    public enum Answer {
        /** At least one item uses an app password. */
        YES,
        /** No item does, and the files prove it. */
        NO,
        /** No item does for certain, but some may: their credentials' secrets could not be read. */
        POSSIBLY;

        /** Returns the report's name: {@code yes}, {@code no} or {@code possibly}. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Answers whether items use app passwords. */
    public Answer answer() {
        if (usesAppPasswords()) {
            return Answer.YES;
        }
        return jobsPossiblyUsingAppPasswords().isEmpty() ? Answer.NO : Answer.POSSIBLY;
    }

    /**
     * Returns the items that may use an app password (and do not for certain): each needs a person to check the
     * credentials named in its evidence.
     *
     * @return their full names, sorted
     */
    public List<String> jobsPossiblyUsingAppPasswords() {
        return items.stream()
                .filter(AuditedItem::possiblyUsesAppPassword)
                .map(i -> i.item().fullName())
                .sorted()
                .toList();
    }

    /** Tells whether any item uses an app password. */
    public boolean usesAppPasswords() {
        return !jobsUsingAppPasswords.isEmpty();
    }

    /** Tells whether everything was read in full. */
    public boolean isComplete() {
        return skipped.isEmpty();
    }

    /**
     * Returns the credentials of unknown kind that some item uses: the files do not prove that they are not app
     * passwords.
     */
    public List<AuditedCredential> unknownCredentialsInUse() {
        return credentials.stream()
                .filter(c -> c.credential().kind() == CredentialKind.UNKNOWN
                        && !c.usedBy().isEmpty())
                .toList();
    }
}
