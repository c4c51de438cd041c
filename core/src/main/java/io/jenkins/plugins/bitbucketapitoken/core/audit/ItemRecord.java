package io.jenkins.plugins.bitbucketapitoken.core.audit;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Describes what one Jenkins item's configuration says about credentials and Bitbucket.
 *
 * @param fullName the item's full name, such as {@code team/backend/build}
 * @param type the item's class name, such as {@code org.jenkinsci.plugins.workflow.job.WorkflowJob}
 * @param disabled whether the item is disabled
 * @param references the credential ids it names, each once per place kind, in document order
 * @param bitbucketUrls the Bitbucket repository and workspace URLs it talks to, without any user info
 */
public record ItemRecord(
        String fullName,
        String type,
        boolean disabled,
        List<CredentialReference> references,
        List<String> bitbucketUrls) {

    private static final Set<String> FOLDER_TYPES = Set.of(
            "com.cloudbees.hudson.plugins.folder.Folder",
            "jenkins.branch.OrganizationFolder",
            "org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject");

    /** Copies the lists and checks that no part is missing. */
    public ItemRecord {
        Objects.requireNonNull(fullName, "fullName");
        Objects.requireNonNull(type, "type");
        references = List.copyOf(references);
        bitbucketUrls = List.copyOf(bitbucketUrls);
    }

    /**
     * Returns the same record under another full name, after a rename or a move.
     *
     * @param newFullName the new full name
     * @return the renamed record
     */
    public ItemRecord withFullName(String newFullName) {
        return new ItemRecord(newFullName, type, disabled, references, bitbucketUrls);
    }

    /** Tells whether the item is a folder of any kind, and so has a credentials store of its own. */
    public boolean isFolder() {
        return FOLDER_TYPES.contains(type) || ownsGeneratedItems() || type.endsWith(".Folder");
    }

    /**
     * Tells whether the item generates its children (a multibranch project's branch jobs, an organization
     * folder's projects), so that they are reported under it.
     */
    public boolean ownsGeneratedItems() {
        return ownsGeneratedItems(type);
    }

    /**
     * Tells whether items of a type generate their children.
     *
     * @param type an item class name
     * @return true for multibranch projects and organization folders
     */
    public static boolean ownsGeneratedItems(String type) {
        return type.endsWith("MultiBranchProject") || type.endsWith("OrganizationFolder");
    }

    /** Returns the full name of the folder holding this item, empty at the top level. */
    public String parentFullName() {
        int slash = fullName.lastIndexOf('/');
        return slash < 0 ? "" : fullName.substring(0, slash);
    }
}
