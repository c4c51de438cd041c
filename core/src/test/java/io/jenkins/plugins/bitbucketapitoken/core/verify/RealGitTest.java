package io.jenkins.plugins.bitbucketapitoken.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.bitbucketapitoken.core.BitbucketCloud;
import io.jenkins.plugins.bitbucketapitoken.core.auth.Channel;
import io.jenkins.plugins.bitbucketapitoken.core.auth.Credential;
import io.jenkins.plugins.bitbucketapitoken.core.auth.CredentialIdentity;
import io.jenkins.plugins.bitbucketapitoken.core.auth.SecretValue;
import io.jenkins.plugins.bitbucketapitoken.core.testing.TestSecrets;
import io.jenkins.plugins.bitbucketapitoken.core.testing.fake.FakeBitbucket;
import io.jenkins.plugins.bitbucketapitoken.core.testing.fake.FakeRepository;
import io.jenkins.plugins.bitbucketapitoken.core.testing.fake.GitCli;
import io.jenkins.plugins.bitbucketapitoken.core.testing.fake.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs the clients Jenkins agents run, the real git binary and JGit, against the fake Bitbucket. */
class RealGitTest {

    static final String EMAIL = "jane@example.com";
    static final String USERNAME = "jane-doe";
    static final String TOKEN = TestSecrets.apiToken(201);
    static final String APP_PASSWORD = TestSecrets.appPassword(202);

    @TempDir
    Path dir;

    FakeBitbucket bitbucket;
    FakeRepository widget;
    GitCli git;
    String url;

    @BeforeAll
    static void needsGit() {
        assumeTrue(GitCli.isAvailable(), "the git binary is needed");
    }

    @BeforeEach
    void start() {
        bitbucket = FakeBitbucket.start();
        bitbucket.addAccount(EMAIL, USERNAME);
        widget = bitbucket.addRepository("acme", "widget");
        widget.branch("feature", "main").tag("v1.0", "main");
        git = new GitCli(dir);
        url = bitbucket.cloneUrl("acme", "widget").toString();
    }

    @AfterEach
    void stop() {
        bitbucket.close();
    }

    @ParameterizedTest(name = "Git username {0}")
    @MethodSource("gitUsernames")
    void shouldListRefsWithTheRealGitBinaryAndAnApiToken(String username) {
        bitbucket.addApiToken(EMAIL, TOKEN, FakeBitbucket.ALL_SCOPES, Optional.empty());

        GitCli.Result result = git.run(dir, username, TOKEN, "ls-remote", url);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("refs/heads/main", "refs/heads/feature", "refs/tags/v1.0");
        assertThat(result.command()).noneMatch(arg -> arg.contains(TOKEN));
        assertThat(url).doesNotContain("@");
        assertThat(bitbucket.requestLog())
                .filteredOn(RecordedRequest::secretPresented)
                .isNotEmpty()
                .allMatch(r -> r.presented(TOKEN) && r.username().orElseThrow().equals(username));
    }

    static Stream<String> gitUsernames() {
        return Stream.of(BitbucketCloud.API_TOKEN_GIT_USERNAME, USERNAME);
    }

    @Test
    void shouldCloneAndPushWithTheRealGitBinary() throws Exception {
        bitbucket.addApiToken(EMAIL, TOKEN, FakeBitbucket.ALL_SCOPES, Optional.empty());

        GitCli.Result clone = git.run(dir, USERNAME, TOKEN, "clone", url, "work");
        assertThat(clone.exitCode()).as(clone.stderr()).isZero();
        Path work = dir.resolve("work");
        assertThat(work.resolve("README.md")).hasContent("# widget");
        Files.writeString(work.resolve("build.txt"), "built\n", StandardCharsets.UTF_8);
        assertThat(git.run(work, USERNAME, TOKEN, "add", "build.txt").exitCode())
                .isZero();
        assertThat(git.run(work, USERNAME, TOKEN, "commit", "-m", "Build from Jenkins")
                        .exitCode())
                .isZero();

        GitCli.Result push = git.run(work, USERNAME, TOKEN, "push", "origin", "main");

        assertThat(push.exitCode()).as(push.stderr()).isZero();
        assertThat(widget.headMessage("main")).contains("Build from Jenkins\n");
        assertThat(clone.stderr() + push.stderr()).doesNotContain(TOKEN);
    }

    @Test
    void shouldServeSubmodulesAndLfsFilesToTheRealGitBinary() throws Exception {
        bitbucket.addApiToken(EMAIL, TOKEN, FakeBitbucket.ALL_SCOPES, Optional.empty());
        FakeRepository lib = bitbucket.addRepository("acme", "lib");
        var libHead = lib.commit("main", "LIB.md", "from the library", "library");
        widget.commitSubmodule("main", "lib", "../lib.git", libHead);
        widget.commitLfsFile("main", "big.bin", "large content".getBytes(StandardCharsets.UTF_8));

        GitCli.Result clone = git.run(
                dir,
                USERNAME,
                TOKEN,
                "-c",
                "filter.lfs.smudge=",
                "-c",
                "filter.lfs.required=false",
                "clone",
                url,
                "work");
        Path work = dir.resolve("work");
        GitCli.Result submodules = git.run(work, USERNAME, TOKEN, "submodule", "update", "--init");
        git.run(work, USERNAME, TOKEN, "lfs", "install", "--local");
        GitCli.Result lfs = git.run(work, USERNAME, TOKEN, "lfs", "pull", "origin");

        assertThat(clone.exitCode()).as(clone.stderr()).isZero();
        assertThat(submodules.exitCode()).as(submodules.stderr()).isZero();
        assertThat(work.resolve("lib/LIB.md")).hasContent("from the library");
        assumeTrue(!lfs.stderr().contains("not a git command"), "git-lfs is not installed");
        assertThat(lfs.exitCode()).as(lfs.stderr()).isZero();
        assertThat(work.resolve("big.bin")).hasContent("large content");
        assertThat(bitbucket.requestLog())
                .anySatisfy(r -> assertThat(r.path()).isEqualTo("/acme/widget.git/info/lfs/objects/batch"));
    }

    @Test
    void shouldFetchNewCommitsWithJGit() throws Exception {
        bitbucket.addApiToken(EMAIL, TOKEN, FakeBitbucket.ALL_SCOPES, Optional.empty());
        UsernamePasswordCredentialsProvider credentials =
                new UsernamePasswordCredentialsProvider(BitbucketCloud.API_TOKEN_GIT_USERNAME, TOKEN);

        try (Git clone = Git.cloneRepository()
                .setURI(url)
                .setDirectory(dir.resolve("jgit").toFile())
                .setCredentialsProvider(credentials)
                .call()) {
            widget.commit("main", "CHANGES.md", "news\n", "Second commit");
            clone.fetch().setCredentialsProvider(credentials).call();

            assertThat(clone.getRepository().resolve("origin/main"))
                    .isEqualTo(widget.head("main").orElseThrow());
        }
    }

    @Test
    void shouldListRefsWithJGitAndRefuseItAnAppPassword() throws Exception {
        bitbucket.addApiToken(EMAIL, TOKEN, FakeBitbucket.ALL_SCOPES, Optional.empty());
        bitbucket.addAppPassword(USERNAME, APP_PASSWORD);

        Collection<Ref> refs = Git.lsRemoteRepository()
                .setRemote(url)
                .setCredentialsProvider(new UsernamePasswordCredentialsProvider(USERNAME, TOKEN))
                .call();

        assertThat(refs).extracting(Ref::getName).contains("refs/heads/main");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Git.lsRemoteRepository()
                        .setRemote(url)
                        .setCredentialsProvider(new UsernamePasswordCredentialsProvider(USERNAME, APP_PASSWORD))
                        .call())
                .isInstanceOf(TransportException.class);
    }

    record GitRow(
            String name,
            Consumer<FakeBitbucket> setup,
            String username,
            String secret,
            String[] args,
            DiagnosisCode code) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> gitFailures() {
        Consumer<FakeBitbucket> readOnly =
                b -> b.addApiToken(EMAIL, TOKEN, Set.of(BitbucketCloud.SCOPE_READ_REPOSITORY), Optional.empty());
        String[] lsRemote = {"ls-remote", "URL"};
        return Stream.of(
                        new GitRow(
                                "app password",
                                b -> b.addAppPassword(USERNAME, APP_PASSWORD),
                                USERNAME,
                                APP_PASSWORD,
                                lsRemote,
                                DiagnosisCode.APP_PASSWORD_REMOVED),
                        new GitRow(
                                "e-mail as Git username",
                                readOnly,
                                EMAIL,
                                TOKEN,
                                lsRemote,
                                DiagnosisCode.EMAIL_AS_GIT_USERNAME),
                        new GitRow(
                                "expired token",
                                b -> b.addApiToken(
                                        EMAIL,
                                        TOKEN,
                                        FakeBitbucket.ALL_SCOPES,
                                        Optional.of(Instant.parse("2026-05-12T00:00:00Z"))),
                                USERNAME,
                                TOKEN,
                                lsRemote,
                                DiagnosisCode.TOKEN_INVALID_OR_EXPIRED),
                        new GitRow(
                                "missing read scope",
                                b -> b.addApiToken(
                                        EMAIL, TOKEN, Set.of(BitbucketCloud.SCOPE_READ_USER), Optional.empty()),
                                USERNAME,
                                TOKEN,
                                lsRemote,
                                DiagnosisCode.MISSING_SCOPE),
                        new GitRow(
                                "missing repository",
                                readOnly,
                                USERNAME,
                                TOKEN,
                                new String[] {"ls-remote", "MISSING"},
                                DiagnosisCode.REPOSITORY_NOT_FOUND),
                        new GitRow(
                                "rate limited",
                                b -> {
                                    readOnly.accept(b);
                                    b.rateLimitNext(5, Optional.of(Duration.ofSeconds(60)));
                                },
                                USERNAME,
                                TOKEN,
                                lsRemote,
                                DiagnosisCode.RATE_LIMITED),
                        new GitRow(
                                "unknown secret",
                                readOnly,
                                USERNAME,
                                TestSecrets.apiToken(299),
                                lsRemote,
                                DiagnosisCode.NO_ACCESS))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gitFailures")
    void shouldDiagnoseWhatTheRealGitBinaryPrints(GitRow row) {
        row.setup().accept(bitbucket);
        String[] args = Stream.of(row.args())
                .map(a -> a.equals("URL") ? url : a)
                .map(a -> a.equals("MISSING")
                        ? bitbucket.cloneUrl("acme", "nothing").toString()
                        : a)
                .toArray(String[]::new);

        GitCli.Result result = git.run(dir, row.username(), row.secret(), args);

        assertThat(result.exitCode()).isNotZero();
        Credential credential =
                new Credential(CredentialIdentity.of(row.username(), EMAIL), SecretValue.of(row.secret()));
        Optional<Diagnosis> diagnosis = Diagnoser.diagnoseGitOutput(result.stderr(), credential.assess());
        assertThat(diagnosis).as(result.stderr()).isPresent();
        assertThat(diagnosis.get().code()).as(result.stderr()).isEqualTo(row.code());
        assertThat(diagnosis.get().channel()).isEqualTo(Channel.GIT);
        assertThat(result.stderr()).doesNotContain(row.secret());
    }

    @Test
    void shouldDiagnoseAPushWithoutTheWriteScope() {
        bitbucket.addApiToken(EMAIL, TOKEN, Set.of(BitbucketCloud.SCOPE_READ_REPOSITORY), Optional.empty());
        assertThat(git.run(dir, USERNAME, TOKEN, "clone", url, "work").exitCode())
                .isZero();
        Path work = dir.resolve("work");
        git.run(work, USERNAME, TOKEN, "commit", "--allow-empty", "-m", "Empty");

        GitCli.Result push = git.run(work, USERNAME, TOKEN, "push", "origin", "main");

        assertThat(push.exitCode()).isNotZero();
        Credential credential = new Credential(CredentialIdentity.of(USERNAME, EMAIL), SecretValue.of(TOKEN));
        assertThat(Diagnoser.diagnoseGitOutput(push.stderr(), credential.assess()))
                .as(push.stderr())
                .hasValueSatisfying(d -> assertThat(d.code()).isEqualTo(DiagnosisCode.MISSING_SCOPE));
    }
}
