package io.jenkins.plugins.bitbucketapitoken.core.testing.fake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
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
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/** Holds one repository of the fake Bitbucket: a real (in-memory) JGit repository with commits on {@code main}. */
public final class FakeRepository {

    private static final Instant EPOCH = Instant.parse("2026-08-01T12:00:00Z");

    private final String workspace;
    private final String slug;
    private final InMemoryRepository repository;
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
        try (ObjectInserter inserter = repository.newObjectInserter();
                ObjectReader reader = repository.newObjectReader()) {
            Optional<ObjectId> parent = head(branch);
            DirCache index =
                    parent.isPresent() ? DirCache.read(reader, treeOf(reader, parent.get())) : DirCache.newInCore();
            ObjectId blob = inserter.insert(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8));
            DirCacheEditor editor = index.editor();
            editor.add(new DirCacheEditor.PathEdit(path) {
                @Override
                public void apply(DirCacheEntry entry) {
                    entry.setFileMode(FileMode.REGULAR_FILE);
                    entry.setObjectId(blob);
                }
            });
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

    /** Creates a branch at the tip of another. */
    public FakeRepository branch(String name, String from) {
        return ref(Constants.R_HEADS + name, from);
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
