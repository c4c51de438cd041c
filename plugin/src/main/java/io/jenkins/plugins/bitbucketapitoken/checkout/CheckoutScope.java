package io.jenkins.plugins.bitbucketapitoken.checkout;

import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Run;
import java.util.Optional;

/**
 * Marks the thread that runs a {@code bitbucketCheckout}, so that the Git plugin's lookups on that thread (and only
 * there) see the isolating git environment and, for a secret text, the username/password form of it.
 */
final class CheckoutScope implements AutoCloseable {

    private static final ThreadLocal<CheckoutScope> CURRENT = new ThreadLocal<>();

    private final Run<?, ?> run;

    @CheckForNull
    private final StandardUsernamePasswordCredentials derived;

    private CheckoutScope(Run<?, ?> run, @CheckForNull StandardUsernamePasswordCredentials derived) {
        this.run = run;
        this.derived = derived;
    }

    /** Opens the scope on this thread; close it in a {@code finally} (try-with-resources). */
    static CheckoutScope open(Run<?, ?> run, @CheckForNull StandardUsernamePasswordCredentials derived) {
        CheckoutScope scope = new CheckoutScope(run, derived);
        CURRENT.set(scope);
        return scope;
    }

    /** Returns the scope of this thread if it checks out the given run. */
    static Optional<CheckoutScope> forRun(Run<?, ?> run) {
        return Optional.ofNullable(CURRENT.get()).filter(s -> s.run == run);
    }

    /** Returns the scope of this thread, if any. */
    static Optional<CheckoutScope> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** The credential derived from a secret text, if the checkout uses one. */
    Optional<StandardUsernamePasswordCredentials> derived() {
        return Optional.ofNullable(derived);
    }

    @Override
    public void close() {
        CURRENT.remove();
    }
}
