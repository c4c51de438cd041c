package io.jenkins.plugins.bitbucketapitoken.core.testing.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.bitbucketapitoken.core.BitbucketCloud;
import io.jenkins.plugins.bitbucketapitoken.core.auth.Channel;
import io.jenkins.plugins.bitbucketapitoken.core.testing.TestSecrets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RepositoryResourcesTest {

    private static final String EMAIL = "jane@example.com";
    private static final String TOKEN = TestSecrets.apiToken(7001);
    private static final String NARROW_TOKEN = TestSecrets.apiToken(7002);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private FakeBitbucket bitbucket;
    private FakeRepository widget;

    @BeforeEach
    void startBitbucketWithBranchesAndAPullRequest() {
        bitbucket = FakeBitbucket.start()
                .addAccount(EMAIL, "jane-doe")
                .addApiToken(EMAIL, TOKEN, FakeBitbucket.BRANCH_SOURCE_SCOPES, Optional.empty())
                .addApiToken(EMAIL, NARROW_TOKEN, Set.of(BitbucketCloud.SCOPE_READ_REPOSITORY), Optional.empty());
        widget = bitbucket.addRepository("acme", "widget");
        widget.commit("main", "Jenkinsfile", "node {}", "Build");
        widget.commit("main", "docs/guide.md", "read me", "Document");
        widget.branch("feature/login", "README.md", "login");
        widget.branch("bugfix", "main");
        widget.tag("v1.0", "main");
        widget.pullRequest(1, "feature/login", "main", "Add a login");
        bitbucket.addRepository("acme", "gadget");
        bitbucket.addRepository("other", "thing");
    }

    @AfterEach
    void stopBitbucket() {
        bitbucket.close();
    }

    @Test
    void shouldListBranchesWithTheirHeadCommitsPageByPage() throws Exception {
        List<String> names = new ArrayList<>();
        String url = bitbucket.base() + "/2.0/repositories/acme/widget/refs/branches?pagelen=2";
        int pages = 0;
        while (url != null) {
            JsonNode page = getJson(url, TOKEN, 200);
            page.get("values").forEach(branch -> names.add(branch.get("name").asText()));
            url = page.hasNonNull("next") ? page.get("next").asText() : null;
            pages++;
        }

        assertThat(names).containsExactly("bugfix", "feature/login", "main");
        assertThat(pages).isEqualTo(2);
        JsonNode feature = getJson(api("/refs/branches/feature%2Flogin"), TOKEN, 200);
        assertThat(feature.at("/target/hash").asText())
                .isEqualTo(widget.head("feature/login").orElseThrow().name());
        assertThat(feature.at("/target/author/raw").asText()).contains("<");
        assertThat(getJson(api("/refs/tags/v1.0"), TOKEN, 200)
                        .at("/target/hash")
                        .asText())
                .isEqualTo(widget.head("main").orElseThrow().name());
        getJson(api("/refs/branches/nope"), TOKEN, 404);
    }

    @Test
    void shouldTellWhetherAPathExistsAndServeFilesTheirMetadataAndDirectories() throws Exception {
        assertThat(send("HEAD", api("/src/main/Jenkinsfile"), TOKEN, null).statusCode())
                .isEqualTo(200);
        assertThat(send("HEAD", api("/src/feature%2Flogin/missing"), TOKEN, null)
                        .statusCode())
                .isEqualTo(404);
        String hash = widget.head("main").orElseThrow().name();

        HttpResponse<String> file = send("GET", api("/src/" + hash + "/Jenkinsfile?at=main"), TOKEN, null);
        JsonNode meta = getJson(api("/src/main/docs/guide.md?format=meta"), TOKEN, 200);
        JsonNode directory = getJson(api("/src/" + hash.substring(0, 12) + "/"), TOKEN, 200);

        assertThat(file.body()).isEqualTo("node {}");
        assertThat(meta.get("type").asText()).isEqualTo("commit_file");
        assertThat(meta.at("/commit/hash").asText()).isEqualTo(hash);
        assertThat(directory.findValuesAsText("path")).contains("Jenkinsfile", "README.md", "docs");
        assertThat(directory.findValuesAsText("type")).contains("commit_directory", "commit_file");
    }

    @Test
    void shouldListPullRequestsWithAbbreviatedHashesThatResolveAsCommits() throws Exception {
        JsonNode list = getJson(api("/pullrequests?pagelen=50"), TOKEN, 200);
        JsonNode pr = list.get("values").get(0);
        String shortHash = pr.at("/source/commit/hash").asText();

        JsonNode commit = getJson(api("/commit/" + shortHash), TOKEN, 200);
        JsonNode commits = getJson(api("/pullrequests/1/commits?pagelen=1"), TOKEN, 200);

        assertThat(pr.get("id").asInt()).isEqualTo(1);
        assertThat(pr.at("/source/branch/name").asText()).isEqualTo("feature/login");
        assertThat(pr.at("/destination/branch/name").asText()).isEqualTo("main");
        assertThat(pr.at("/source/repository/full_name").asText()).isEqualTo("acme/widget");
        assertThat(shortHash).hasSize(12);
        assertThat(commit.get("hash").asText())
                .isEqualTo(widget.head("feature/login").orElseThrow().name());
        assertThat(commits.at("/values/0/hash").asText())
                .isEqualTo(commit.get("hash").asText());
        getJson(api("/pullrequests/2"), TOKEN, 404);
        getJson(api("/pullrequests?pagelen=51"), TOKEN, 400);
    }

    @Test
    void shouldRefusePullRequestsWorkspacesAndHooksToATokenWithoutTheirScopes() throws Exception {
        JsonNode refusal = getJson(api("/pullrequests"), NARROW_TOKEN, 403);
        getJson(bitbucket.base() + "/2.0/workspaces/acme", NARROW_TOKEN, 403);
        getJson(api("/hooks"), NARROW_TOKEN, 403);

        assertThat(refusal.at("/error/detail/required/0").asText()).isEqualTo(FakeBitbucket.SCOPE_READ_PULLREQUEST);
        assertThat(getJson(api("/hooks?pagelen=100"), TOKEN, 200).get("values")).isEmpty();
    }

    @Test
    void shouldRecordABuildStatusWithTheRestUsername() throws Exception {
        String hash = widget.head("main").orElseThrow().name();
        String status = """
                {"key":"k1","state":"SUCCESSFUL","name":"widget #1","url":"http://127.0.0.1/job/1","refname":"main"}
                """;

        HttpResponse<String> answer = send("POST", api("/commit/" + hash + "/statuses/build"), TOKEN, status);

        assertThat(answer.statusCode()).isEqualTo(201);
        assertThat(bitbucket.buildStatuses("acme/widget")).singleElement().satisfies(s -> {
            assertThat(s.commit()).isEqualTo(hash);
            assertThat(s.state()).isEqualTo("SUCCESSFUL");
            assertThat(s.refname()).contains("main");
            assertThat(s.username()).contains(EMAIL);
        });
        assertThat(send("POST", api("/commit/0000000000000000/statuses/build"), TOKEN, status)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void shouldDescribeTheWorkspaceAndListItsRepositoriesWithCloneLinksToTheFake() throws Exception {
        JsonNode workspace = getJson(bitbucket.base() + "/2.0/workspaces/acme", TOKEN, 200);
        JsonNode repositories =
                getJson(bitbucket.base() + "/2.0/repositories/acme?role=member&pagelen=100", TOKEN, 200);

        assertThat(workspace.get("slug").asText()).isEqualTo("acme");
        assertThat(repositories.get("values").findValuesAsText("full_name"))
                .containsExactly("acme/gadget", "acme/widget");
        assertThat(repositories.at("/values/1/links/clone/0/href").asText())
                .isEqualTo(bitbucket.cloneUrl("acme", "widget").toString());
        getJson(bitbucket.base() + "/2.0/workspaces/nobody", TOKEN, 404);
    }

    @Test
    void shouldRefuseTheBitbucketUsernameOnTheseResourcesAsOnEveryRestCall() throws Exception {
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create(api("/refs/branches")))
                        .header("Authorization", basic("jane-doe", TOKEN))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.body()).contains(BitbucketCloud.LOGIN_FAILED_TEXT).doesNotContain(TOKEN);
    }

    @Test
    void shouldLogEveryOneOfManyConcurrentRequestsWithItsOwnChannelAndUsername() {
        URI gitProbe = URI.create(bitbucket.cloneUrl("acme", "widget") + "/info/refs?service=git-upload-pack");
        List<CompletableFuture<HttpResponse<Void>>> answers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            answers.add(http.sendAsync(
                    HttpRequest.newBuilder(URI.create(api("")))
                            .header("Authorization", basic(EMAIL, TOKEN))
                            .build(),
                    HttpResponse.BodyHandlers.discarding()));
            answers.add(
                    http.sendAsync(HttpRequest.newBuilder(gitProbe).build(), HttpResponse.BodyHandlers.discarding()));
        }
        answers.forEach(CompletableFuture::join);

        assertThat(bitbucket.requestLog()).hasSize(200).allSatisfy(r -> {
            if (r.path().startsWith("/2.0/")) {
                assertThat(r.channel()).isEqualTo(Channel.REST);
                assertThat(r.username()).contains(EMAIL);
                assertThat(r.status()).isEqualTo(200);
            } else {
                assertThat(r.channel()).isEqualTo(Channel.GIT);
                assertThat(r.username()).isEmpty();
                assertThat(r.status()).isEqualTo(401);
            }
        });
    }

    private String api(String path) {
        return bitbucket.base() + "/2.0/repositories/acme/widget" + path;
    }

    private JsonNode getJson(String url, String token, int expectedStatus) throws Exception {
        HttpResponse<String> response = send("GET", url, token, null);
        assertThat(response.statusCode()).as("GET %s", url).isEqualTo(expectedStatus);
        return MAPPER.readTree(response.body());
    }

    private HttpResponse<String> send(String method, String url, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", basic(EMAIL, token))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String username, String secret) {
        return "Basic "
                + Base64.getEncoder().encodeToString((username + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
}
