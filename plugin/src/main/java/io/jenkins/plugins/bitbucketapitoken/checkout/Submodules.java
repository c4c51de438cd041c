package io.jenkins.plugins.bitbucketapitoken.checkout;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.FilePath;
import hudson.model.TaskListener;
import hudson.plugins.git.GitException;
import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.Problem;
import io.jenkins.plugins.bitbucketapitoken.core.checkout.GitModules;
import io.jenkins.plugins.bitbucketapitoken.core.checkout.SubmoduleUrls;
import io.jenkins.plugins.bitbucketapitoken.core.repo.BitbucketEndpoints;
import java.io.IOException;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.transport.URIish;
import org.jenkinsci.plugins.gitclient.GitClient;

/**
 * Updates submodules level by level, handing the checkout's credential only to submodules whose URL, as git will
 * contact it, is a repository on the configured Bitbucket host (core's {@link SubmoduleUrls}). Each level's
 * {@code .gitmodules} is checked before git contacts any of its submodules; one URL elsewhere fails the checkout
 * with a message naming it. git itself is never asked to recurse, because it would answer the credential prompts of
 * nested submodules that nobody checked; and a submodule is handed the credential for its own URL only, so one this
 * class did not see gets none.
 */
final class Submodules {

    /** Deeper nesting than this is refused: no real project needs it, a loop of submodules would never end. */
    static final int MAX_DEPTH = 10;

    private final BitbucketEndpoints endpoints;

    @CheckForNull
    private final StandardCredentials credential;

    @CheckForNull
    private final Integer timeoutMinutes;

    Submodules(
            BitbucketEndpoints endpoints,
            @CheckForNull StandardCredentials credential,
            @CheckForNull Integer timeoutMinutes) {
        this.endpoints = endpoints;
        this.credential = credential;
        this.timeoutMinutes = timeoutMinutes;
    }

    /** Thrown when a submodule points elsewhere: the checkout fails with core's message, nothing to diagnose. */
    static final class RefusedException extends AbortException {
        private static final long serialVersionUID = 1L;

        RefusedException(Problem problem) {
            super(BitbucketCheckoutExecution.PREFIX + problem.describe());
        }
    }

    /**
     * Updates the submodules of the repository a client works in, and theirs, recursively.
     *
     * @param git the client of the checked-out superproject
     * @param listener the build log
     */
    void update(GitClient git, TaskListener listener) throws IOException, InterruptedException {
        update(git, "", 0, listener);
    }

    private void update(GitClient git, String where, int depth, TaskListener listener)
            throws IOException, InterruptedException {
        FilePath modules = git.getWorkTree().child(".gitmodules");
        if (!modules.exists()) {
            return;
        }
        if (depth >= MAX_DEPTH) {
            throw new RefusedException(Message.SUBMODULES_TOO_DEEP.problem(where, MAX_DEPTH));
        }
        List<GitModules.Submodule> declared = GitModules.parse(modules.readToString());
        // init copies the URLs into .git/config, resolving relative ones; it contacts no server
        git.submoduleInit();
        List<String> paths = new ArrayList<>();
        for (GitModules.Submodule submodule : declared) {
            String url = effectiveUrl(git, submodule.name());
            Optional<Problem> refused = SubmoduleUrls.check(where + submodule.name(), url, endpoints);
            if (refused.isPresent()) {
                throw new RefusedException(refused.get());
            }
            if (credential != null) {
                git.addCredentials(key(url), credential);
            }
            submodule.path().ifPresent(paths::add);
        }
        listener.getLogger()
                .println(BitbucketCheckoutExecution.PREFIX
                        + (where.isEmpty()
                                ? Message.SUBMODULES_UPDATING.text(declared.size(), endpoints.gitUrl())
                                : Message.SUBMODULES_UPDATING_NESTED.text(declared.size(), where, endpoints.gitUrl())));
        try {
            git.submoduleUpdate()
                    .recursive(false)
                    .parentCredentials(false)
                    .timeout(timeoutMinutes)
                    .execute();
        } catch (GitException e) {
            throw new IOException("Could not update the submodules" + (where.isEmpty() ? "" : " of " + where), e);
        }
        for (String path : paths) {
            GitClient sub = git.subGit(path);
            if (sub != null) {
                update(sub, where + path + "/", depth + 1, listener);
            }
        }
    }

    /**
     * The URL git will contact for a submodule: what init wrote into the repository's configuration. Only the
     * deprecated {@code IGitAPI} reads it; both of git-client's implementations (command line and remote) are one. A
     * client that is not answers nothing, and the submodule is refused.
     */
    @CheckForNull
    @SuppressWarnings("deprecation")
    private static String effectiveUrl(GitClient git, String name) throws InterruptedException {
        if (!(git instanceof hudson.plugins.git.IGitAPI api)) {
            return null;
        }
        try {
            return api.getSubmoduleUrl(name);
        } catch (GitException notConfigured) {
            return null;
        }
    }

    /** The key the Git client looks a submodule's credential up by. */
    private static String key(String url) {
        try {
            return new URIish(url).toPrivateString();
        } catch (URISyntaxException e) {
            return url;
        }
    }
}
