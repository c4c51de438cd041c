package io.jenkins.plugins.bitbucketapitoken.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.bitbucketapitoken.core.Problem;
import io.jenkins.plugins.bitbucketapitoken.core.auth.ChannelAuthentication;
import io.jenkins.plugins.bitbucketapitoken.core.auth.CredentialAssessment;
import io.jenkins.plugins.bitbucketapitoken.core.auth.CredentialIdentity;
import io.jenkins.plugins.bitbucketapitoken.core.secret.SecretClassification;
import io.jenkins.plugins.bitbucketapitoken.core.secret.SecretClassifier;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Tells, offline, what a secret is and which username it needs on each channel. */
@Command(
        name = "classify",
        mixinStandardHelpOptions = true,
        description = {
            "Tells, offline, what a secret is (API token, app password, access token) and which username it needs"
                    + " for Git and for the REST API.",
            "The secret is read from standard input or --secret-file; it never appears in the output.",
            "Exit codes: 0 usable on at least one channel, 1 not usable, 2 usage error."
        })
final class ClassifyCommand implements Callable<Integer> {

    private final Terminal terminal;

    @Option(
            names = "--secret-file",
            paramLabel = "FILE",
            description = "Read the secret from FILE instead of standard input.")
    private Path secretFile;

    @Option(
            names = "--username",
            paramLabel = "U",
            description = "The username configured with the secret (used for Git).")
    private String username;

    @Option(names = "--email", paramLabel = "E", description = "The Atlassian account e-mail (used for the REST API).")
    private String email;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json.")
    private OutputFormat format;

    ClassifyCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        String secret = SecretInput.read(Optional.ofNullable(secretFile), Optional.empty(), terminal);
        SecretClassification classification = SecretClassifier.classify(secret);
        CredentialAssessment assessment =
                CredentialAssessment.of(classification, CredentialIdentity.of(username, email));
        if (format == OutputFormat.json) {
            terminal.out().println(Json.write(toJson(assessment)));
        } else {
            printText(assessment, terminal.out());
        }
        return assessment.isUsableOnAnyChannel() ? 0 : 1;
    }

    static ObjectNode toJson(CredentialAssessment assessment) {
        ObjectNode root = Json.object();
        SecretClassification secret = assessment.secret();
        root.put("kind", secret.kind().name());
        secret.intact().ifPresentOrElse(i -> root.put("intact", i), () -> root.putNull("intact"));
        root.set("problems", Json.problems(assessment.problems()));
        ObjectNode git = root.putObject("git");
        Json.putOptional(git, "username", assessment.git().username());
        git.put("usable", assessment.git().usable());
        ObjectNode rest = root.putObject("rest");
        Json.putOptional(rest, "username", assessment.rest().username());
        rest.put("scheme", assessment.rest().scheme().id());
        rest.put("usable", assessment.rest().usable());
        return root;
    }

    private static void printText(CredentialAssessment assessment, PrintStream out) {
        SecretClassification secret = assessment.secret();
        String integrity = secret.intact()
                .map(i -> i ? " (checksum intact)" : " (damaged)")
                .orElse("");
        out.println("Secret: " + describe(secret) + integrity);
        out.println("Git:    " + describe(assessment.git()));
        out.println("REST:   " + describe(assessment.rest()));
        if (!assessment.problems().isEmpty()) {
            out.println();
            for (Problem p : assessment.problems()) {
                // people read this in their own language where a translation exists; JSON stays English
                out.println(p.severity() + ": " + p.message(Locale.getDefault()));
                if (!p.action(Locale.getDefault()).isEmpty()) {
                    out.println("  What to do: " + p.action(Locale.getDefault()));
                }
            }
        }
    }

    private static String describe(SecretClassification secret) {
        return switch (secret.kind()) {
            case API_TOKEN -> "Atlassian API token";
            case ACCESS_TOKEN -> "Bitbucket access token";
            case APP_PASSWORD -> "Bitbucket app password";
            case UNKNOWN -> "not recognised";
        };
    }

    private static String describe(ChannelAuthentication auth) {
        String who = auth.username().map(u -> "username " + u).orElse("no username");
        return (auth.usable() ? "usable" : "not usable") + ", " + auth.scheme().id() + " with " + who;
    }
}
