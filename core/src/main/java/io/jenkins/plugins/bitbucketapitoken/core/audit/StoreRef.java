package io.jenkins.plugins.bitbucketapitoken.core.audit;

import java.util.Objects;
import java.util.Optional;

/**
 * Names one Jenkins credentials store: the system store, a folder's store or a user's store.
 *
 * @param type which kind of store
 * @param name the folder's full name or the user id; empty for the system store
 */
public record StoreRef(Type type, String name) implements Comparable<StoreRef> {

    /** Names the kinds of credentials store Jenkins has. */
    public enum Type {
        /** The global store in {@code credentials.xml}. */
        SYSTEM,
        /** A folder's store, in the folder's {@code config.xml}. */
        FOLDER,
        /** A user's personal store, in {@code users/<dir>/config.xml}. */
        USER
    }

    private static final StoreRef SYSTEM_STORE = new StoreRef(Type.SYSTEM, "");

    /** Checks that folder and user stores have a name and the system store none. */
    public StoreRef {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        if ((type == Type.SYSTEM) != name.isEmpty()) {
            throw new IllegalArgumentException("only the system store has no name");
        }
    }

    /** Returns the system store. */
    public static StoreRef system() {
        return SYSTEM_STORE;
    }

    /**
     * Returns the store of a folder.
     *
     * @param fullName the folder's full name, such as {@code team/backend}
     * @return the store
     */
    public static StoreRef folder(String fullName) {
        return new StoreRef(Type.FOLDER, fullName);
    }

    /**
     * Returns the store of a user.
     *
     * @param userId the user id
     * @return the store
     */
    public static StoreRef user(String userId) {
        return new StoreRef(Type.USER, userId);
    }

    /**
     * Reads the form {@link #id()} writes.
     *
     * @param id {@code system}, {@code folder:<full name>} or {@code user:<user id>}
     * @return the store, or empty when the text is none of these
     */
    public static Optional<StoreRef> parse(String id) {
        if (id == null) {
            return Optional.empty();
        }
        if (id.equals("system")) {
            return Optional.of(SYSTEM_STORE);
        }
        if (id.startsWith("folder:") && id.length() > "folder:".length()) {
            return Optional.of(folder(id.substring("folder:".length())));
        }
        if (id.startsWith("user:") && id.length() > "user:".length()) {
            return Optional.of(user(id.substring("user:".length())));
        }
        return Optional.empty();
    }

    /** Returns {@code system}, {@code folder:<full name>} or {@code user:<user id>}, as the report shows it. */
    public String id() {
        return switch (type) {
            case SYSTEM -> "system";
            case FOLDER -> "folder:" + name;
            case USER -> "user:" + name;
        };
    }

    /** Orders the system store first, then folders, then users, each by name. */
    @Override
    public int compareTo(StoreRef other) {
        int byType = type.compareTo(other.type);
        return byType != 0 ? byType : name.compareTo(other.name);
    }

    /** Returns {@link #id()}. */
    @Override
    public String toString() {
        return id();
    }
}
