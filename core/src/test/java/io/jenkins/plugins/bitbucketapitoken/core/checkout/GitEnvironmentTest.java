package io.jenkins.plugins.bitbucketapitoken.core.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.bitbucketapitoken.core.testing.fake.GitCli;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitEnvironmentTest {

    private static final String HELPER_USER = "jane-doe";
    private static final String HELPER_SECRET = "ATBBstoredAppPassword00000000000000";
    private static final String ASKPASS_USER = "x-bitbucket-api-token-auth";
    private static final String ASKPASS_SECRET = "askpass-token-for-the-job";

    @TempDir
    Path home;

    private HttpServer server;
    private final List<String> presented = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startAServerThatDemandsCredentials() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth != null && auth.startsWith("Basic ")) {
                presented.add(new String(Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(403, -1);
            } else {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"Bitbucket\"");
                exchange.sendResponseHeaders(401, -1);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/acme/widget.git";
    }

    private void configureAStoredAppPassword() throws IOException {
        Path store = home.resolve("git-credentials");
        Files.writeString(
                store,
                "http://" + HELPER_USER + ":" + HELPER_SECRET + "@127.0.0.1:"
                        + server.getAddress().getPort() + "\n");
        Files.writeString(home.resolve(".gitconfig"), "[credential]\n\thelper = store --file=" + store + "\n");
    }

    private void lsRemote(Map<String, String> extra) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("git", "ls-remote", url()).redirectErrorStream(true);
        Map<String, String> env = isolated(pb);
        env.put("GIT_ASKPASS", GitCli.writeAskpass(home).toString());
        env.put(GitCli.USERNAME_VARIABLE, ASKPASS_USER);
        env.put(GitCli.PASSWORD_VARIABLE, ASKPASS_SECRET);
        // Jenkins' EnvVars drops every variable whose value is empty on the way to a process: do the same here.
        extra.forEach((name, value) -> {
            if (value.isEmpty()) {
                env.remove(name);
            } else {
                env.put(name, value);
            }
        });
        Process process = pb.start();
        process.getOutputStream().close();
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void shouldShowThatAConfiguredHelperWinsOverAskpassWithoutIsolation() throws Exception {
        configureAStoredAppPassword();

        lsRemote(Map.of());

        assertThat(presented).first().isEqualTo(HELPER_USER + ":" + HELPER_SECRET);
    }

    @Test
    void shouldMakeGitUseOnlyTheJobsCredentialWithIsolation() throws Exception {
        configureAStoredAppPassword();

        lsRemote(GitEnvironment.isolatingCredentialHelpers(Map.of()));

        assertThat(presented).isNotEmpty().allMatch(p -> p.equals(ASKPASS_USER + ":" + ASKPASS_SECRET));
    }

    @Test
    void shouldGiveOnlyNonEmptyValuesBecauseJenkinsDropsEmptyOnes() {
        Map<String, String> added = GitEnvironment.isolatingCredentialHelpers(Map.of());

        assertThat(added).isNotEmpty().allSatisfy((name, value) -> assertThat(value)
                .isNotBlank());
        assertThat(added).doesNotContainKeys("GIT_CONFIG_COUNT", "GIT_CONFIG_KEY_0", "GIT_CONFIG_VALUE_0");
    }

    @Test
    void shouldKeepConfigurationEntriesTheEnvironmentAlreadyHas() throws Exception {
        configureAStoredAppPassword();
        Map<String, String> existing = new HashMap<>(Map.of(
                "GIT_CONFIG_COUNT",
                "1",
                "GIT_CONFIG_KEY_0",
                "http.version",
                "GIT_CONFIG_VALUE_0",
                "HTTP/1.1",
                GitEnvironment.CONFIG_PARAMETERS,
                "'core.askpass='"));

        Map<String, String> added = GitEnvironment.isolatingCredentialHelpers(existing);
        existing.putAll(added);
        lsRemote(existing);

        assertThat(added)
                .containsEntry(GitEnvironment.CONFIG_PARAMETERS, "'core.askpass=' 'credential.helper='")
                .doesNotContainKey("GIT_CONFIG_COUNT");
        assertThat(presented).isNotEmpty().allMatch(p -> p.equals(ASKPASS_USER + ":" + ASKPASS_SECRET));
    }

    @Test
    void shouldResetHelpersAfterTheOnesTheEnvironmentAlreadyPassesOnTheCommandLine() throws Exception {
        configureAStoredAppPassword();
        Path store = home.resolve("git-credentials");
        Map<String, String> existing = new HashMap<>(
                Map.of(GitEnvironment.CONFIG_PARAMETERS, "'credential.helper=store --file=" + store + "'"));

        existing.putAll(GitEnvironment.isolatingCredentialHelpers(existing));
        lsRemote(existing);

        assertThat(presented).isNotEmpty().allMatch(p -> p.equals(ASKPASS_USER + ":" + ASKPASS_SECRET));
    }

    @Test
    void shouldNotAddTheResetTwice() {
        Map<String, String> once = GitEnvironment.isolatingCredentialHelpers(Map.of());

        Map<String, String> twice = GitEnvironment.isolatingCredentialHelpers(once);

        assertThat(twice)
                .containsEntry(GitEnvironment.CONFIG_PARAMETERS, "'credential.helper='")
                .containsEntry("GIT_TERMINAL_PROMPT", "0");
    }

    @Test
    void shouldPinTheLfsEndpointOverWhatACommittedLfsconfigNames() throws Exception {
        Path repository = home.resolve("repository");
        Files.createDirectories(repository);
        String clone = "http://127.0.0.1:7990/acme/widget.git";
        git(repository, Map.of(), "init", "-q");
        git(repository, Map.of(), "remote", "add", "origin", clone);
        Files.writeString(repository.resolve(".lfsconfig"), "[lfs]\n\turl = https://collector.example.com/lfs\n");
        Map<String, String> pinned =
                GitEnvironment.isolatingCredentialHelpers(Map.of(), Optional.of(URI.create(clone)));

        String unpinned = git(repository, Map.of(), "lfs", "env");
        String withPin = git(repository, pinned, "lfs", "env");

        assertThat(unpinned).contains("Endpoint=https://collector.example.com/lfs");
        assertThat(withPin).contains("Endpoint=" + clone + "/info/lfs").doesNotContain("collector.example.com");
        assertThat(pinned.get(GitEnvironment.CONFIG_PARAMETERS))
                .isEqualTo("'credential.helper=' 'lfs.url=" + clone + "/info/lfs'");
    }

    /** Gives a git process the test's own home and no system or user configuration; returns its environment. */
    private Map<String, String> isolated(ProcessBuilder pb) {
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("GIT_"));
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve("xdg").toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        return env;
    }

    /** Runs git (with git-lfs, which the test needs) in a directory, isolated from the user's configuration. */
    private String git(Path directory, Map<String, String> extra, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        ProcessBuilder pb =
                new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        isolated(pb).putAll(extra);
        Process process = pb.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assumeTrue(
                !(args[0].equals("lfs") && process.exitValue() != 0 && output.contains("not a git command")),
                "git-lfs is not installed");
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
