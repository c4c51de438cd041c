package io.jenkins.plugins.bitbucketapitoken.checkout;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.StreamTaskListener;
import io.jenkins.plugins.bitbucketapitoken.BitbucketApiTokenConfiguration;
import io.jenkins.plugins.bitbucketapitoken.JenkinsAccess;
import io.jenkins.plugins.bitbucketapitoken.Messages;
import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.Problem;
import io.jenkins.plugins.bitbucketapitoken.core.Validated;
import io.jenkins.plugins.bitbucketapitoken.core.auth.Credential;
import io.jenkins.plugins.bitbucketapitoken.core.checkout.CheckoutPlan;
import io.jenkins.plugins.bitbucketapitoken.core.checkout.Revision;
import io.jenkins.plugins.bitbucketapitoken.core.verify.CredentialVerifier;
import io.jenkins.plugins.bitbucketapitoken.core.verify.Diagnoser;
import io.jenkins.plugins.bitbucketapitoken.core.verify.Diagnosis;
import io.jenkins.plugins.bitbucketapitoken.core.verify.RestResult;
import io.jenkins.plugins.bitbucketapitoken.monitor.AppPasswordIndex;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Runs a {@code bitbucketCheckout}: checks the options and the credential through core before git runs, reads the
 * main branch when none was given, checks out with credential helpers isolated, and ends a failed checkout's log
 * with core's diagnosis.
 */
final class BitbucketCheckoutExecution extends SynchronousNonBlockingStepExecution<Map<String, String>> {

    private static final long serialVersionUID = 1L;
    static final String PREFIX = "[bitbucketCheckout] ";

    private final transient BitbucketCheckoutStep step;

    BitbucketCheckoutExecution(BitbucketCheckoutStep step, StepContext context) {
        super(context);
        this.step = step;
    }

    @Override
    protected Map<String, String> run() throws Exception {
        StepContext context = getContext();
        Run<?, ?> run = context.get(Run.class);
        TaskListener listener = context.get(TaskListener.class);
        if (step.getRepository() != null && step.getUrl() != null) {
            listener.getLogger().println(PREFIX + "WARNING: " + Messages.BitbucketCheckoutStep_repositoryAndUrl());
        }
        CheckoutPlan plan = orAbort(step.plan());
        plan.notes().forEach(note -> log(listener, note));
        // an id that names no credential is refused without a record: only resolved credentials are recorded
        StandardCredentials found = StepCredential.find(run, step.getCredentialsId(), plan);
        StepCredential credential;
        try {
            credential = StepCredential.resolve(run, step.getCredentialsId(), found);
        } catch (AbortException refused) {
            recordFailure(found, run, "REFUSED_BEFORE_CHECKOUT");
            throw refused;
        }
        credential.notes().forEach(note -> log(listener, note));
        if (plan.needsMainBranch()) {
            step.resolveRevision(mainBranch(plan, credential, listener));
        }
        step.useForCheckout(credential.derived().orElse(null), run.getParent());
        LogTail tail = new LogTail(listener.getLogger());
        TaskListener teeing = new StreamTaskListener(tail, StandardCharsets.UTF_8);
        try {
            step.checkout(run, context.get(FilePath.class), teeing, context.get(Launcher.class));
        } catch (InterruptedException stopped) {
            // an abort is not a failed checkout: nothing to diagnose or record
            throw stopped;
        } catch (Submodules.RefusedException refused) {
            // the message says which submodule and what to do; git was not asked, so there is nothing to diagnose
            throw refused;
        } catch (Exception failure) {
            teeing.getLogger().flush();
            Diagnosis diagnosis = diagnose(failure, tail.text(StandardCharsets.UTF_8), plan, credential);
            listener.error(PREFIX + diagnosis.describe());
            recordFailure(found, run, diagnosis.code().name());
            throw failure;
        }
        Map<String, String> variables = new TreeMap<>();
        step.createSCM().buildEnvironment(run, variables);
        return variables;
    }

    private static Revision mainBranch(CheckoutPlan plan, StepCredential credential, TaskListener listener)
            throws AbortException {
        Credential core = credential
                .core()
                .orElseThrow(() -> abort(Message.DEFAULT_BRANCH_UNKNOWN.problem("no credential was given")));
        CredentialVerifier verifier = CredentialVerifier.create(
                JenkinsAccess.httpClient(), BitbucketApiTokenConfiguration.get().endpoints());
        RestResult<String> main = verifier.mainBranch(plan.repository(), core);
        if (main.value().isEmpty()) {
            String why = main.diagnosis().map(Diagnosis::describe).orElse("no answer");
            throw abort(Message.DEFAULT_BRANCH_UNKNOWN.problem(why));
        }
        listener.getLogger()
                .println(PREFIX + plan.repository().fullName() + ": main branch "
                        + main.value().get());
        return orAbort(Revision.parse(main.value().get()));
    }

    /** Adds runtime evidence to the app-password monitor ("last failed"), under the credential's own store. */
    private static void recordFailure(@CheckForNull StandardCredentials found, Run<?, ?> run, String code) {
        if (found != null) {
            AppPasswordIndex.get().recordFailure(found, run.getParent(), code);
        }
    }

    /** Explains a failed checkout from git's output in the log (and the failure's own messages). */
    private Diagnosis diagnose(Throwable failure, String log, CheckoutPlan plan, StepCredential credential) {
        StringBuilder output = new StringBuilder(log).append('\n');
        for (Throwable t = failure; t != null; t = t.getCause()) {
            output.append(t.getMessage()).append('\n');
        }
        return Diagnoser.diagnoseCheckout(
                output.toString(),
                plan.repository().fullName(),
                Optional.ofNullable(step.getCredentialsId()),
                credential.core().map(Credential::assess),
                plan.repository().cloneUrl().getHost());
    }

    private static <T> T orAbort(Validated<T> validated) throws AbortException {
        if (!validated.isValid()) {
            throw abort(validated.error().orElseThrow());
        }
        return validated.orElseThrow();
    }

    static AbortException abort(Problem problem) {
        return new AbortException(PREFIX + problem.describe());
    }

    private static void log(TaskListener listener, Problem problem) {
        listener.getLogger().println(PREFIX + problem.severity() + ": " + problem.describe());
    }
}
