package io.jenkins.plugins.bitbucketapitoken.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.bitbucketapitoken.core.BitbucketCloud;
import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.Validated;
import io.jenkins.plugins.bitbucketapitoken.core.auth.Credential;
import io.jenkins.plugins.bitbucketapitoken.core.auth.CredentialIdentity;
import io.jenkins.plugins.bitbucketapitoken.core.auth.SecretValue;
import io.jenkins.plugins.bitbucketapitoken.core.repo.BitbucketEndpoints;
import io.jenkins.plugins.bitbucketapitoken.core.repo.RepositoryRef;
import io.jenkins.plugins.bitbucketapitoken.core.repo.RepositoryReferences;
import io.jenkins.plugins.bitbucketapitoken.core.verify.CredentialVerifier;
import io.jenkins.plugins.bitbucketapitoken.core.verify.Diagnosis;
import io.jenkins.plugins.bitbucketapitoken.core.verify.ReportText;
import io.jenkins.plugins.bitbucketapitoken.core.verify.VerificationReport;
import io.jenkins.plugins.bitbucketapitoken.core.verify.VerificationRequest;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Checks a token against Bitbucket Cloud on the REST API and over Git, and says what to do about failures. */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Checks an API token against Bitbucket Cloud, on the REST API and over Git (HTTPS).",
            "REST: the account (GET /2.0/user) and the repository. Git: what git ls-remote fetches; with --push also"
                    + " write access (nothing is pushed).",
            "The token is read from --token-file or the environment variable " + VerifyCommand.TOKEN_ENV
                    + ", never from the command line; it never appears in the output.",
            "Exit codes: 0 every checked channel works, 1 a channel fails, 2 usage error."
        })
final class VerifyCommand implements Callable<Integer> {

    static final String TOKEN_ENV = "BITBUCKET_API_TOKEN";

    private final Terminal terminal;

    @Option(names = "--email", paramLabel = "E", description = "The Atlassian account e-mail (REST API username).")
    private String email;

    @Option(
            names = "--git-username",
            paramLabel = "U",
            description = "The Git username: your Bitbucket username, or by default "
                    + BitbucketCloud.API_TOKEN_GIT_USERNAME + " (" + BitbucketCloud.ACCESS_TOKEN_GIT_USERNAME
                    + " for access tokens).")
    private String gitUsername;

    @Option(names = "--token-file", paramLabel = "F", description = "Read the token from F.")
    private Path tokenFile;

    @Option(
            names = "--repository",
            paramLabel = "WS/SLUG",
            description = "A repository to check (workspace/slug or its URL); needed for the Git check.")
    private String repository;

    @Option(names = "--push", description = "Also check write access over Git (nothing is pushed).")
    private boolean push;

    @Option(names = "--api-url", paramLabel = "URL", description = "The REST API base (default ${DEFAULT-VALUE}).")
    private String apiUrl = BitbucketCloud.DEFAULT_API_URL.toString();

    @Option(names = "--git-url", paramLabel = "URL", description = "The Git base (default ${DEFAULT-VALUE}).")
    private String gitUrl = BitbucketCloud.DEFAULT_GIT_URL.toString();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json.")
    private OutputFormat format;

    @Option(names = "--verbose", description = "Print each request (method, URL, status) to standard error.")
    private boolean verbose;

    VerifyCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        BitbucketEndpoints endpoints = valid(BitbucketEndpoints.of(apiUrl, gitUrl));
        Optional<RepositoryRef> repo =
                Optional.ofNullable(repository).map(r -> valid(RepositoryReferences.parse(r, endpoints)));
        if (push && repo.isEmpty()) {
            throw new UsageException("--push needs --repository: write access is checked on a repository.");
        }
        Credential credential = new Credential(CredentialIdentity.of(gitUsername, email), readToken());
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        CredentialVerifier verifier = CredentialVerifier.create(http, endpoints);
        if (verbose) {
            verifier = verifier.withExchangeListener(e -> terminal.err().println(e.describe()));
        }
        VerificationRequest request = verifier.verify(credential).checkPush(push);
        repo.ifPresent(request::repository);
        VerificationReport report = request.call();
        if (format == OutputFormat.json) {
            terminal.out().println(Json.write(toJson(report)));
        } else {
            printText(report, repo, terminal.out());
        }
        return report.allOk() ? 0 : 1;
    }

    private SecretValue readToken() {
        Optional<Path> file = Optional.ofNullable(tokenFile);
        if (file.isEmpty() && terminal.env(TOKEN_ENV).isEmpty()) {
            throw new UsageException("no token given. Put it in a file and pass --token-file FILE, or set the"
                    + " environment variable " + TOKEN_ENV + "; it is never taken from the command line.");
        }
        SecretValue token = SecretValue.ofPasted(SecretInput.read(file, Optional.of(TOKEN_ENV), terminal));
        if (token.isEmpty()) {
            throw new UsageException("the token is empty. Give the file or variable that holds the token.");
        }
        return token;
    }

    private static <T> T valid(Validated<T> input) {
        return input.value()
                .orElseThrow(
                        () -> new UsageException(input.error().orElseThrow().describe(Locale.getDefault())));
    }

    static ObjectNode toJson(VerificationReport report) {
        ObjectNode root = Json.object();
        report.rest()
                .ifPresentOrElse(
                        rest -> {
                            ObjectNode node = root.putObject("rest");
                            node.put("ok", rest.ok());
                            putStatus(node, rest.status());
                            Json.putOptional(node, "account", rest.account());
                            ArrayNode scopes = node.putArray("scopes");
                            rest.scopes().forEach(scopes::add);
                        },
                        () -> root.putNull("rest"));
        report.git()
                .ifPresentOrElse(
                        git -> {
                            ObjectNode node = root.putObject("git");
                            node.put("ok", git.ok());
                            putStatus(node, git.status());
                            git.push()
                                    .ifPresentOrElse(
                                            p -> node.putObject("push").put("ok", p.ok()), () -> node.putNull("push"));
                        },
                        () -> root.putNull("git"));
        ArrayNode diagnoses = root.putArray("diagnoses");
        for (Diagnosis d : report.diagnoses()) {
            diagnoses
                    .addObject()
                    .put("code", d.code().name())
                    .put("channel", d.channel().id())
                    .put("message", d.message())
                    .put("action", d.action());
        }
        return root;
    }

    private static void putStatus(ObjectNode node, OptionalInt status) {
        if (status.isPresent()) {
            node.put("status", status.getAsInt());
        } else {
            node.putNull("status");
        }
    }

    private static void printText(VerificationReport report, Optional<RepositoryRef> repo, PrintStream out) {
        ReportText.lines(
                        report,
                        repo,
                        Message.REPORT_GIVE_REPOSITORY_OPTION.text(Locale.getDefault()),
                        Locale.getDefault())
                .forEach(out::println);
    }
}
