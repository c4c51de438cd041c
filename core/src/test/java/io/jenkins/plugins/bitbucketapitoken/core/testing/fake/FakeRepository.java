package io.jenkins.plugins.bitbucketapitoken.core.testing.fake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Holds one repository of the fake Bitbucket: a real (in-memory) JGit repository with commits on {@code main}, and
 * the pull requests the REST API lists for it.
 */
public final class FakeRepository {

    /**
     * Describes one open pull request between two branches of this repository.
     *
     * @param id the pull request number
     * @param source the branch the changes come from
     * @param target the branch they go to
     * @param title the title Bitbucket shows
     */
    public record PullRequest(int id, String source, String target, String title) {}

    /**
     * Describes what is at a path of a commit: a file with its content, or a directory with its entries.
     *
     * @param path the path, without a leading slash; empty for the root
     * @param directory whether it is a directory
     * @param content the bytes of a file; empty for a directory
     * @param entries the paths of a directory's entries; empty for a file
     */
    public record Entry(String path, boolean directory, byte[] content, List<Entry> entries) {}

    static final Instant EPOCH = Instant.parse("2026-08-01T12:00:00Z");

    private final String workspace;
    private final String slug;
    private final InMemoryRepository repository;
    private final Map<Integer, PullRequest> pullRequests = new ConcurrentSkipListMap<>();
    private final Map<String, byte[]> lfsObjects = new ConcurrentSkipListMap<>();
    private int commits;

    FakeRepository(String workspace, String slug) {
        this.workspace = workspace;
        this.slug = slug;
        this.repository = new InMemoryRepository(new DfsRepositoryDescription(workspace + "/" + slug));
        try {
            RefUpdate head = repository.updateRef(Constants.HEAD);
            head.link(Constants.R_HEADS + "main");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        commit("main", "README.md", "# " + slug + "\n", "Initial commit");
    }

    /** Returns the workspace id. */
    public String workspace() {
        return workspace;
    }

    /** Returns the repository slug. */
    public String slug() {
        return slug;
    }

    /** Returns {@code workspace/slug}. */
    public String fullName() {
        return workspace + "/" + slug;
    }

    /** Returns the JGit repository behind it. */
    public Repository repository() {
        return repository;
    }

    /** Returns the branch HEAD points to. */
    public String mainBranch() {
        try {
            return Repository.shortenRefName(
                    repository.exactRef(Constants.HEAD).getTarget().getName());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Commits one file on a branch, creating the branch if needed.
     *
     * @return the new commit
     */
    public synchronized ObjectId commit(String branch, String path, String content, String message) {
        return commit(branch, message, Map.of(path, content), Map.of());
    }

    /**
     * Adds a submodule on a branch, as {@code git submodule add} does: its {@code .gitmodules} entry (name and path
     * alike) and a gitlink to a commit of the submodule's repository.
     *
     * @param branch the branch, created if needed
     * @param path where the submodule is checked out, also its name
     * @param url its URL as {@code .gitmodules} names it (absolute or relative)
     * @param target the commit the superproject records
     * @return the new commit
     */
    public synchronized ObjectId commitSubmodule(String branch, String path, String url, ObjectId target) {
        String modules = entry(head(branch), ".gitmodules")
                        .map(e -> new String(e.content(), StandardCharsets.UTF_8))
                        .orElse("")
                + "[submodule \"" + path + "\"]\n\tpath = " + path + "\n\turl = " + url + "\n";
        return commit(branch, "add submodule " + path, Map.of(".gitmodules", modules), Map.of(path, target));
    }

    /**
     * Commits a file stored in Git LFS: its pointer in the tree, {@code .gitattributes} marking it, and its content in
     * the repository's LFS store, which the fake serves through the LFS batch API.
     *
     * @return the new commit
     */
    public synchronized ObjectId commitLfsFile(String branch, String path, byte[] content) {
        String oid = sha256(content);
        lfsObjects.put(oid, content.clone());
        String pointer =
                "version https://git-lfs.github.com/spec/v1\noid sha256:" + oid + "\nsize " + content.length + "\n";
        return commit(
                branch,
                "add " + path + " to LFS",
                Map.of(".gitattributes", path + " filter=lfs diff=lfs merge=lfs -text\n", path, pointer),
                Map.of());
    }

    /** Returns an object of the repository's LFS store by its SHA-256. */
    public Optional<byte[]> lfsObject(String oid) {
        return Optional.ofNullable(lfsObjects.get(oid)).map(byte[]::clone);
    }

    private static String sha256(byte[] content) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<Entry> entry(Optional<ObjectId> commit, String path) {
        return commit.flatMap(id -> resolve(id.name())).flatMap(c -> entry(c, path));
    }

    private ObjectId commit(String branch, String message, Map<String, String> files, Map<String, ObjectId> gitlinks) {
        try (ObjectInserter inserter = repository.newObjectInserter();
                ObjectReader reader = repository.newObjectReader()) {
            Optional<ObjectId> parent = head(branch);
            DirCache index =
                    parent.isPresent() ? DirCache.read(reader, treeOf(reader, parent.get())) : DirCache.newInCore();
            DirCacheEditor editor = index.editor();
            for (Map.Entry<String, String> file : files.entrySet()) {
                ObjectId blob =
                        inserter.insert(Constants.OBJ_BLOB, file.getValue().getBytes(StandardCharsets.UTF_8));
                editor.add(edit(file.getKey(), FileMode.REGULAR_FILE, blob));
            }
            gitlinks.forEach((path, target) -> editor.add(edit(path, FileMode.GITLINK, target)));
            editor.finish();
            ObjectId tree = index.writeTree(inserter);
            PersonIdent who =
                    new PersonIdent("Fake Bitbucket", "fake@example.com", EPOCH.plusSeconds(commits++), ZoneOffset.UTC);
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(tree);
            parent.ifPresent(commit::setParentId);
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage(message);
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            RefUpdate update = repository.updateRef(Constants.R_HEADS + branch);
            update.setNewObjectId(id);
            update.forceUpdate();
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DirCacheEditor.PathEdit edit(String path, FileMode mode, ObjectId id) {
        return new DirCacheEditor.PathEdit(path) {
            @Override
            public void apply(DirCacheEntry entry) {
                entry.setFileMode(mode);
                entry.setObjectId(id);
            }
        };
    }

    /** Creates a branch at the tip of another. */
    public FakeRepository branch(String name, String from) {
        return ref(Constants.R_HEADS + name, from);
    }

    /**
     * Creates a branch at the tip of the main branch and commits one file on it: the usual way to give a branch its
     * own {@code Jenkinsfile}.
     */
    public FakeRepository branch(String name, String path, String content) {
        branch(name, mainBranch());
        commit(name, path, content, "Add " + path + " on " + name);
        return this;
    }

    /** Opens a pull request from one branch of this repository to another; both must exist. */
    public FakeRepository pullRequest(int id, String source, String target, String title) {
        head(source).orElseThrow(() -> new IllegalArgumentException("no branch " + source));
        head(target).orElseThrow(() -> new IllegalArgumentException("no branch " + target));
        pullRequests.put(id, new PullRequest(id, source, target, title));
        return this;
    }

    /** Returns the open pull requests, by number. */
    public List<PullRequest> pullRequests() {
        return List.copyOf(pullRequests.values());
    }

    /** Returns an open pull request by number. */
    public Optional<PullRequest> pullRequest(int id) {
        return Optional.ofNullable(pullRequests.get(id));
    }

    /** Lists the branch names, sorted. */
    public List<String> branches() {
        return refNames(Constants.R_HEADS);
    }

    /** Lists the tag names, sorted. */
    public List<String> tags() {
        return refNames(Constants.R_TAGS);
    }

    /** Returns the commit a tag points to, if the tag exists. */
    public Optional<ObjectId> tagTarget(String tag) {
        try {
            return Optional.ofNullable(repository.resolve(Constants.R_TAGS + tag + "^{commit}"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Resolves what Bitbucket accepts where it says {@code branchOrHash}: a branch, a tag, or a full or abbreviated
     * commit hash.
     */
    public Optional<RevCommit> resolve(String branchOrHash) {
        try (RevWalk walk = new RevWalk(repository)) {
            Optional<ObjectId> id = head(branchOrHash).or(() -> tagTarget(branchOrHash));
            if (id.isEmpty() && branchOrHash.matches("[0-9a-fA-F]{4,40}")) {
                id = Optional.ofNullable(repository.resolve(branchOrHash + "^{commit}"));
            }
            return id.isEmpty() ? Optional.empty() : Optional.of(walk.parseCommit(id.get()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Lists the commits reachable from {@code include} but not from {@code exclude}, newest first, like
     * {@code git log exclude..include}.
     */
    public List<RevCommit> log(ObjectId include, Optional<ObjectId> exclude) {
        try (RevWalk walk = new RevWalk(repository)) {
            walk.sort(RevSort.COMMIT_TIME_DESC);
            walk.markStart(walk.parseCommit(include));
            if (exclude.isPresent()) {
                walk.markUninteresting(walk.parseCommit(exclude.get()));
            }
            List<RevCommit> result = new ArrayList<>();
            walk.forEach(result::add);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads what is at a path of a commit: a file, a directory (the root when the path is empty), or nothing. */
    public Optional<Entry> entry(RevCommit commit, String path) {
        String clean = path.replaceAll("^/+|/+$", "");
        try (ObjectReader reader = repository.newObjectReader()) {
            if (clean.isEmpty()) {
                return Optional.of(directory(reader, "", commit.getTree()));
            }
            try (TreeWalk walk = TreeWalk.forPath(reader, clean, commit.getTree())) {
                if (walk == null) {
                    return Optional.empty();
                }
                if (walk.isSubtree()) {
                    return Optional.of(directory(reader, clean, walk.getObjectId(0)));
                }
                byte[] bytes = reader.open(walk.getObjectId(0)).getBytes();
                return Optional.of(new Entry(clean, false, bytes, List.of()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Entry directory(ObjectReader reader, String path, ObjectId tree) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (TreeWalk walk = new TreeWalk(reader)) {
            walk.addTree(tree);
            walk.setRecursive(false);
            while (walk.next()) {
                String child = path.isEmpty() ? walk.getPathString() : path + "/" + walk.getPathString();
                entries.add(
                        walk.isSubtree()
                                ? new Entry(child, true, new byte[0], List.of())
                                : new Entry(
                                        child,
                                        false,
                                        reader.open(walk.getObjectId(0)).getBytes(),
                                        List.of()));
            }
        }
        return new Entry(path, true, new byte[0], entries);
    }

    private List<String> refNames(String prefix) {
        try {
            return repository.getRefDatabase().getRefsByPrefix(prefix).stream()
                    .map(Ref::getName)
                    .map(name -> name.substring(prefix.length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates a lightweight tag at the tip of a branch. */
    public FakeRepository tag(String name, String branch) {
        return ref(Constants.R_TAGS + name, branch);
    }

    /** Returns the tip of a branch, if it exists. */
    public Optional<ObjectId> head(String branch) {
        try {
            return Optional.ofNullable(repository.resolve(Constants.R_HEADS + branch));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the message of the commit at the tip of a branch. */
    public Optional<String> headMessage(String branch) {
        return head(branch).map(id -> {
            try (RevWalk walk = new RevWalk(repository)) {
                RevCommit commit = walk.parseCommit(id);
                return commit.getFullMessage();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static ObjectId treeOf(ObjectReader reader, ObjectId commit) throws IOException {
        try (RevWalk walk = new RevWalk(reader)) {
            return walk.parseCommit(commit).getTree();
        }
    }

    private FakeRepository ref(String refName, String fromBranch) {
        ObjectId tip = head(fromBranch).orElseThrow(() -> new IllegalArgumentException("no branch " + fromBranch));
        try {
            RefUpdate update = repository.updateRef(refName);
            update.setNewObjectId(tip);
            update.forceUpdate();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
