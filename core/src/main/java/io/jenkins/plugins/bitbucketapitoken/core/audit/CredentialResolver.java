package io.jenkins.plugins.bitbucketapitoken.core.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Resolves a credential id named by an item the way Jenkins does: the nearest folder's store first, then each
 * enclosing folder's, then the system store. A folder's own references (a multibranch project's branch source,
 * an organization folder's navigator) see the folder's own store first.
 *
 * <p>Credentials with scope {@link CredentialScope#SYSTEM} are invisible to items and are passed over. User
 * stores are not searched: their credentials reach an item only when a build runs as that user (Authorize
 * Project), which a configuration does not say. Pure.
 */
public final class CredentialResolver {

    private CredentialResolver() {}

    /**
     * Resolves an id for an item.
     *
     * @param credentials every store's credentials
     * @param item the item naming the id
     * @param credentialsId the id
     * @return the credential Jenkins would use, or empty when none is visible to the item
     */
    public static Optional<CredentialRecord> resolve(
            CredentialIndex credentials, ItemRecord item, String credentialsId) {
        return resolve(credentials, item.fullName(), item.isFolder(), credentialsId);
    }

    /**
     * Resolves an id for an item given by name.
     *
     * @param credentials every store's credentials
     * @param itemFullName the item's full name
     * @param itemIsFolder whether the item is a folder, whose own store it then sees first
     * @param credentialsId the id
     * @return the credential Jenkins would use, or empty when none is visible to the item
     */
    public static Optional<CredentialRecord> resolve(
            CredentialIndex credentials, String itemFullName, boolean itemIsFolder, String credentialsId) {
        for (StoreRef store : searchOrder(itemFullName, itemIsFolder)) {
            Optional<CredentialRecord> found =
                    credentials.find(store, credentialsId).filter(CredentialRecord::isVisibleToItems);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /**
     * Lists the stores an item sees, nearest first.
     *
     * @param itemFullName the item's full name, such as {@code team/backend/build}
     * @param itemIsFolder whether the item is itself a folder
     * @return for {@code team/backend/build}: {@code folder:team/backend}, {@code folder:team}, {@code system}
     */
    public static List<StoreRef> searchOrder(String itemFullName, boolean itemIsFolder) {
        List<StoreRef> order = new ArrayList<>();
        String folder = itemIsFolder ? itemFullName : parent(itemFullName);
        while (!folder.isEmpty()) {
            order.add(StoreRef.folder(folder));
            folder = parent(folder);
        }
        order.add(StoreRef.system());
        return order;
    }

    private static String parent(String fullName) {
        int slash = fullName.lastIndexOf('/');
        return slash < 0 ? "" : fullName.substring(0, slash);
    }
}
