package io.jenkins.plugins.bitbucketapitoken.core.testing.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.jenkins.plugins.bitbucketapitoken.core.BitbucketCloud;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Answers the REST resources below {@code /2.0/repositories} and {@code /2.0/workspaces} that the
 * bitbucket-branch-source plugin reads and writes: repositories and their listing, branches, tags, commits, files,
 * pull requests, build statuses, webhooks, and workspaces.
 *
 * <p>The JSON follows Bitbucket Cloud's own answers (the shapes branch-source's Jackson model classes read). Links that
 * point back into the API are written against the host the client addressed (its {@code Host} header), so a client
 * that was routed to the fake while it believed it talked to {@code api.bitbucket.org} keeps its authentication on
 * the next page. Clone links point to the fake's own Git endpoint, as Bitbucket's point to Bitbucket.
 */
final class RepositoryResources {

    /** The API token scope for reading pull requests. */
    static final String SCOPE_READ_PULLREQUEST = "read:pullrequest:bitbucket";

    /** The API token scope for reading workspaces. */
    static final String SCOPE_READ_WORKSPACE = "read:workspace:bitbucket";

    /** The API token scope for reading webhooks. */
    static final String SCOPE_READ_WEBHOOK = "read:webhook:bitbucket";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
    private static final int DEFAULT_PAGELEN = 10;
    private static final int MAX_PAGELEN = 100;
    private static final int MAX_PULL_REQUEST_PAGELEN = 50;
    private static final int SHORT_HASH = 12;

    private final FakeBitbucket fake;

    RepositoryResources(FakeBitbucket fake) {
        this.fake = fake;
    }

    /** Answers a request whose path below {@code /2.0} starts with {@code repositories} or {@code workspaces}. */
    int handle(HttpExchange exchange, List<String> segments, FakeBitbucket.Principal principal) throws IOException {
        String method = exchange.getRequestMethod();
        if (segments.get(0).equals("workspaces") && segments.size() == 2 && isRead(method)) {
            return workspace(exchange, principal, segments.get(1));
        }
        if (!segments.get(0).equals("repositories") || segments.size() < 2) {
            return notFound(exchange);
        }
        if (segments.size() == 2) {
            return isRead(method) ? repositories(exchange, principal, segments.get(1)) : notFound(exchange);
        }
        if (lacks(principal, BitbucketCloud.SCOPE_READ_REPOSITORY, BitbucketCloud.ACCESS_TOKEN_SCOPE_READ_REPOSITORY)) {
            return fake.missingScopeJson(exchange, principal, List.of(BitbucketCloud.SCOPE_READ_REPOSITORY));
        }
        FakeRepository repository = fake.visible(principal, segments.get(1), segments.get(2));
        if (repository == null) {
            return FakeBitbucket.json(exchange, 404, FakeBitbucket.error(BitbucketCloud.REPOSITORY_NOT_FOUND_TEXT));
        }
        List<String> rest = segments.subList(3, segments.size());
        fake.scopeHeaders(exchange, principal);
        if (rest.isEmpty()) {
            return notFound(exchange);
        }
        return switch (rest.get(0)) {
            case "refs" -> refs(exchange, repository, rest);
            case "commit" -> commit(exchange, principal, repository, rest);
            case "commits" -> rest.size() == 1 ? commits(exchange, repository) : notFound(exchange);
            case "src" -> source(exchange, repository, rest);
            case "pullrequests" -> pullRequests(exchange, principal, repository, rest);
            case "hooks" -> hooks(exchange, principal, rest);
            default -> notFound(exchange);
        };
    }

    // ---- resources -----------------------------------------------------------------------------------

    private int workspace(HttpExchange exchange, FakeBitbucket.Principal principal, String workspace)
            throws IOException {
        if (lacks(principal, SCOPE_READ_WORKSPACE, "account")) {
            return fake.missingScopeJson(exchange, principal, List.of(SCOPE_READ_WORKSPACE));
        }
        List<FakeRepository> repositories = fake.repositoriesOf(principal, workspace);
        if (repositories.isEmpty()) {
            return FakeBitbucket.json(
                    exchange, 404, FakeBitbucket.error("No workspace with identifier '" + workspace + "'."));
        }
        String slug = repositories.get(0).workspace();
        ObjectNode body = MAPPER.createObjectNode()
                .put("type", "workspace")
                .put("uuid", uuid("workspace:" + slug))
                .put("name", slug)
                .put("slug", slug)
                .put("is_private", true);
        ObjectNode links = body.putObject("links");
        links.putObject("self").put("href", apiBase(exchange) + "/2.0/workspaces/" + slug);
        links.putObject("html").put("href", fake.base() + "/" + slug + "/");
        fake.scopeHeaders(exchange, principal);
        return FakeBitbucket.json(exchange, 200, body);
    }

    /** Lists a workspace's repositories; the {@code role} filter is accepted and every visible repository listed. */
    private int repositories(HttpExchange exchange, FakeBitbucket.Principal principal, String workspace)
            throws IOException {
        if (lacks(principal, BitbucketCloud.SCOPE_READ_REPOSITORY, BitbucketCloud.ACCESS_TOKEN_SCOPE_READ_REPOSITORY)) {
            return fake.missingScopeJson(exchange, principal, List.of(BitbucketCloud.SCOPE_READ_REPOSITORY));
        }
        List<JsonNode> values = fake.repositoriesOf(principal, workspace).stream()
                .map(r -> (JsonNode) repository(exchange, r))
                .toList();
        fake.scopeHeaders(exchange, principal);
        return page(exchange, values, MAX_PAGELEN);
    }

    private int refs(HttpExchange exchange, FakeRepository repository, List<String> rest) throws IOException {
        if (!isRead(exchange.getRequestMethod()) || rest.size() < 2 || rest.size() > 3) {
            return notFound(exchange);
        }
        boolean branches = rest.get(1).equals("branches");
        if (!branches && !rest.get(1).equals("tags")) {
            return notFound(exchange);
        }
        Function<String, Optional<RevCommit>> target =
                name -> (branches ? repository.head(name) : repository.tagTarget(name))
                        .flatMap(id -> repository.resolve(id.name()));
        if (rest.size() == 3) {
            String name = rest.get(2);
            Optional<RevCommit> commit = target.apply(name);
            if (commit.isEmpty()) {
                return FakeBitbucket.json(
                        exchange,
                        404,
                        FakeBitbucket.error((branches ? "Branch" : "Tag") + " \"" + name + "\" doesn't exist."));
            }
            return FakeBitbucket.json(exchange, 200, ref(repository, branches, name, commit.get()));
        }
        List<JsonNode> values = new ArrayList<>();
        for (String name : branches ? repository.branches() : repository.tags()) {
            target.apply(name).ifPresent(commit -> values.add(ref(repository, branches, name, commit)));
        }
        return page(exchange, values, MAX_PAGELEN);
    }

    private int commit(
            HttpExchange exchange, FakeBitbucket.Principal principal, FakeRepository repository, List<String> rest)
            throws IOException {
        if (rest.size() < 2) {
            return notFound(exchange);
        }
        Optional<RevCommit> commit = repository.resolve(rest.get(1));
        if (commit.isEmpty() || !commit.get().name().startsWith(rest.get(1).toLowerCase(Locale.ROOT))) {
            return FakeBitbucket.json(exchange, 404, FakeBitbucket.error("Commit not found: " + rest.get(1)));
        }
        if (rest.size() == 2 && isRead(exchange.getRequestMethod())) {
            return FakeBitbucket.json(exchange, 200, commit(repository, commit.get()));
        }
        boolean buildStatus = rest.size() == 4
                && rest.get(2).equals("statuses")
                && rest.get(3).equals("build");
        if (buildStatus && exchange.getRequestMethod().equals("POST")) {
            return postBuildStatus(exchange, principal, repository, commit.get());
        }
        return notFound(exchange);
    }

    /** Records a build status; as on Bitbucket, writing one needs only the scope to read the repository. */
    private int postBuildStatus(
            HttpExchange exchange, FakeBitbucket.Principal principal, FakeRepository repository, RevCommit commit)
            throws IOException {
        JsonNode sent;
        try (InputStream in = exchange.getRequestBody()) {
            sent = MAPPER.readTree(in);
        }
        if (sent == null || !sent.hasNonNull("key") || !sent.hasNonNull("state") || !sent.hasNonNull("url")) {
            return FakeBitbucket.json(exchange, 400, FakeBitbucket.error("key, state and url are required."));
        }
        RecordedBuildStatus status = new RecordedBuildStatus(
                repository.fullName(),
                commit.name(),
                sent.get("key").asText(),
                sent.get("state").asText(),
                sent.path("name").asText(""),
                sent.get("url").asText(),
                Optional.ofNullable(sent.get("refname"))
                        .filter(JsonNode::isTextual)
                        .map(JsonNode::asText),
                FakeBitbucket.usernameOf(exchange));
        fake.recordBuildStatus(status);
        ObjectNode body = MAPPER.createObjectNode()
                .put("type", "build")
                .put("key", status.key())
                .put("state", status.state())
                .put("name", status.name())
                .put("url", status.url())
                .put("description", sent.path("description").asText(""));
        status.refname().ifPresentOrElse(r -> body.put("refname", r), () -> body.putNull("refname"));
        body.putObject("commit").put("type", "commit").put("hash", commit.name());
        body.set("repository", repositoryRef(repository));
        String now = DATE.format(fake.now().atOffset(ZoneOffset.UTC));
        body.put("created_on", now).put("updated_on", now);
        body.putObject("creator").put("type", "user").put("nickname", principal.account());
        return FakeBitbucket.json(exchange, 201, body);
    }

    private int commits(HttpExchange exchange, FakeRepository repository) throws IOException {
        Map<String, String> query = query(exchange);
        String include = query.getOrDefault("include", repository.mainBranch());
        Optional<RevCommit> tip = repository.resolve(include);
        if (tip.isEmpty()) {
            return FakeBitbucket.json(exchange, 404, FakeBitbucket.error("Commit not found: " + include));
        }
        Optional<RevCommit> exclude = Optional.ofNullable(query.get("exclude")).flatMap(repository::resolve);
        List<JsonNode> values = repository.log(tip.get(), exclude.map(RevCommit::getId)).stream()
                .map(c -> (JsonNode) commit(repository, c))
                .toList();
        return page(exchange, values, MAX_PAGELEN);
    }

    /**
     * Answers {@code src/{branchOrHash}/{path}}: HEAD tells whether the path exists, {@code ?format=meta} describes
     * it, and a plain GET returns a file's bytes or a directory's entries.
     */
    private int source(HttpExchange exchange, FakeRepository repository, List<String> rest) throws IOException {
        String method = exchange.getRequestMethod();
        if (!isRead(method)) {
            return notFound(exchange);
        }
        String ref = rest.size() > 1 ? rest.get(1) : repository.mainBranch();
        String path = rest.size() > 2 ? String.join("/", rest.subList(2, rest.size())) : "";
        Optional<RevCommit> commit = repository.resolve(ref);
        Optional<FakeRepository.Entry> entry = commit.flatMap(c -> repository.entry(c, path));
        if (method.equals("HEAD")) {
            FakeBitbucket.sendHeaders(exchange, entry.isPresent() ? 200 : 404, -1);
            return entry.isPresent() ? 200 : 404;
        }
        if (entry.isEmpty()) {
            return FakeBitbucket.json(
                    exchange,
                    404,
                    FakeBitbucket.error(
                            commit.isEmpty() ? "Commit not found: " + ref : "No such file or directory: " + path));
        }
        String hash = commit.get().name();
        if ("meta".equals(query(exchange).get("format"))) {
            return FakeBitbucket.json(exchange, 200, sourceEntry(entry.get(), hash));
        }
        if (entry.get().directory()) {
            List<JsonNode> values = entry.get().entries().stream()
                    .map(e -> (JsonNode) sourceEntry(e, hash))
                    .toList();
            return page(exchange, values, MAX_PAGELEN);
        }
        byte[] bytes = entry.get().content();
        exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
        FakeBitbucket.sendHeaders(exchange, 200, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        return 200;
    }

    private int pullRequests(
            HttpExchange exchange, FakeBitbucket.Principal principal, FakeRepository repository, List<String> rest)
            throws IOException {
        if (!isRead(exchange.getRequestMethod()) || rest.size() > 3) {
            return notFound(exchange);
        }
        if (lacks(principal, SCOPE_READ_PULLREQUEST, "pullrequest")) {
            return fake.missingScopeJson(exchange, principal, List.of(SCOPE_READ_PULLREQUEST));
        }
        if (rest.size() == 1) {
            List<JsonNode> values = repository.pullRequests().stream()
                    .map(pr -> (JsonNode) pullRequest(exchange, repository, pr))
                    .toList();
            return page(exchange, values, MAX_PULL_REQUEST_PAGELEN);
        }
        Optional<FakeRepository.PullRequest> pr = parseInt(rest.get(1)).flatMap(repository::pullRequest);
        if (pr.isEmpty()) {
            return FakeBitbucket.json(
                    exchange, 404, FakeBitbucket.error("There is no pull request with id " + rest.get(1) + "."));
        }
        if (rest.size() == 2) {
            return FakeBitbucket.json(exchange, 200, pullRequest(exchange, repository, pr.get()));
        }
        if (!rest.get(2).equals("commits")) {
            return notFound(exchange);
        }
        RevCommit source = repository.resolve(pr.get().source()).orElseThrow();
        Optional<RevCommit> target = repository.resolve(pr.get().target());
        List<JsonNode> values = repository.log(source, target.map(RevCommit::getId)).stream()
                .map(c -> (JsonNode) pullRequestCommit(c))
                .toList();
        return page(exchange, values, MAX_PAGELEN);
    }

    /** Lists webhooks: the fake has none, and reading them needs the webhook scope. */
    private int hooks(HttpExchange exchange, FakeBitbucket.Principal principal, List<String> rest) throws IOException {
        if (!isRead(exchange.getRequestMethod()) || rest.size() != 1) {
            return notFound(exchange);
        }
        if (lacks(principal, SCOPE_READ_WEBHOOK, "webhook")) {
            return fake.missingScopeJson(exchange, principal, List.of(SCOPE_READ_WEBHOOK));
        }
        return page(exchange, List.of(), MAX_PAGELEN);
    }

    // ---- JSON ----------------------------------------------------------------------------------------

    /** Describes a repository as {@code GET /2.0/repositories/{workspace}/{slug}} does. */
    ObjectNode repository(HttpExchange exchange, FakeRepository repository) {
        String self = apiBase(exchange) + "/2.0/repositories/" + repository.fullName();
        ObjectNode body = repositoryRef(repository)
                .put("slug", repository.slug())
                .put("is_private", true)
                .put("scm", "git")
                .put("fork_policy", "no_public_forks")
                .put("updated_on", DATE.format(FakeRepository.EPOCH.atOffset(ZoneOffset.UTC)));
        body.putObject("mainbranch").put("type", "branch").put("name", repository.mainBranch());
        body.putObject("owner")
                .put("type", "team")
                .put("username", repository.workspace())
                .put("display_name", repository.workspace())
                .put("uuid", uuid("workspace:" + repository.workspace()));
        body.putObject("workspace")
                .put("type", "workspace")
                .put("slug", repository.workspace())
                .put("name", repository.workspace())
                .put("uuid", uuid("workspace:" + repository.workspace()));
        body.putObject("project")
                .put("type", "project")
                .put("key", "PROJ")
                .put("name", "Project")
                .put("uuid", uuid("project:" + repository.workspace()));
        ObjectNode links = body.putObject("links");
        links.putObject("self").put("href", self);
        links.putObject("html").put("href", fake.base() + "/" + repository.fullName());
        links.putObject("branches").put("href", self + "/refs/branches");
        links.putObject("tags").put("href", self + "/refs/tags");
        links.putObject("commits").put("href", self + "/commits");
        links.putObject("pullrequests").put("href", self + "/pullrequests");
        links.putObject("hooks").put("href", self + "/hooks");
        links.putObject("source").put("href", self + "/src");
        // Only HTTPS: the fake does not speak SSH. Its Git endpoint is plain HTTP on 127.0.0.1.
        links.putArray("clone")
                .addObject()
                .put("name", "https")
                .put(
                        "href",
                        fake.cloneUrl(repository.workspace(), repository.slug()).toString());
        return body;
    }

    private static ObjectNode repositoryRef(FakeRepository repository) {
        return MAPPER.createObjectNode()
                .put("type", "repository")
                .put("name", repository.slug())
                .put("full_name", repository.fullName())
                .put("uuid", uuid("repository:" + repository.fullName().toLowerCase(Locale.ROOT)));
    }

    private static ObjectNode ref(FakeRepository repository, boolean branch, String name, RevCommit commit) {
        ObjectNode body =
                MAPPER.createObjectNode().put("type", branch ? "branch" : "tag").put("name", name);
        if (branch) {
            body.put("default_merge_strategy", "merge_commit");
            body.putArray("merge_strategies").add("merge_commit");
        }
        body.set("target", commit(repository, commit));
        return body;
    }

    private static ObjectNode commit(FakeRepository repository, RevCommit commit) {
        ObjectNode body = MAPPER.createObjectNode()
                .put("type", "commit")
                .put("hash", commit.name())
                .put("date", date(commit.getAuthorIdent()))
                .put("message", commit.getFullMessage());
        body.putObject("author").put("type", "author").put("raw", raw(commit.getAuthorIdent()));
        body.putObject("committer").put("type", "author").put("raw", raw(commit.getCommitterIdent()));
        ArrayNode parents = body.putArray("parents");
        for (RevCommit parent : commit.getParents()) {
            parents.addObject().put("type", "commit").put("hash", parent.name());
        }
        body.set("repository", repositoryRef(repository));
        return body;
    }

    /** Describes a pull request commit with the fields branch-source asks for with {@code ?fields=}. */
    private static ObjectNode pullRequestCommit(RevCommit commit) {
        ObjectNode body = MAPPER.createObjectNode()
                .put("hash", commit.name())
                .put("date", date(commit.getAuthorIdent()))
                .put("message", commit.getFullMessage());
        body.putObject("author").put("raw", raw(commit.getAuthorIdent()));
        return body;
    }

    /** Describes a pull request; like Bitbucket, it gives only abbreviated commit hashes. */
    private ObjectNode pullRequest(HttpExchange exchange, FakeRepository repository, FakeRepository.PullRequest pr) {
        ObjectNode body = MAPPER.createObjectNode()
                .put("type", "pullrequest")
                .put("id", pr.id())
                .put("title", pr.title())
                .put("description", "")
                .put("state", "OPEN")
                .put("draft", false)
                .put("close_source_branch", false)
                .put("created_on", DATE.format(FakeRepository.EPOCH.atOffset(ZoneOffset.UTC)))
                .put("updated_on", DATE.format(FakeRepository.EPOCH.atOffset(ZoneOffset.UTC)));
        body.putObject("author")
                .put("type", "user")
                .put("display_name", repository.workspace())
                .put("nickname", repository.workspace())
                .put("account_id", "557058:" + uuid("author:" + repository.workspace()));
        body.set("source", pullRequestEnd(repository, pr.source()));
        body.set("destination", pullRequestEnd(repository, pr.target()));
        body.putArray("participants");
        ObjectNode links = body.putObject("links");
        String self = apiBase(exchange) + "/2.0/repositories/" + repository.fullName() + "/pullrequests/" + pr.id();
        links.putObject("self").put("href", self);
        links.putObject("commits").put("href", self + "/commits");
        links.putObject("html").put("href", fake.base() + "/" + repository.fullName() + "/pull-requests/" + pr.id());
        return body;
    }

    private static ObjectNode pullRequestEnd(FakeRepository repository, String branch) {
        ObjectNode end = MAPPER.createObjectNode();
        end.putObject("branch").put("name", branch);
        repository.head(branch).ifPresent(id -> end.putObject("commit")
                .put("type", "commit")
                .put("hash", id.name().substring(0, SHORT_HASH)));
        end.set("repository", repositoryRef(repository));
        return end;
    }

    private static ObjectNode sourceEntry(FakeRepository.Entry entry, String hash) {
        ObjectNode body = MAPPER.createObjectNode()
                .put("type", entry.directory() ? "commit_directory" : "commit_file")
                .put("path", entry.path())
                .put("escaped_path", entry.path());
        body.putObject("commit").put("type", "commit").put("hash", hash);
        if (!entry.directory()) {
            body.putArray("attributes");
            body.put("size", entry.content().length);
            body.putNull("mimetype");
        }
        return body;
    }

    // ---- plumbing ------------------------------------------------------------------------------------

    /**
     * Answers one page of a list, as Bitbucket pages: {@code pagelen} (at most {@code max}, else 400), {@code page},
     * {@code size}, and a {@code next} link while more remain.
     */
    private int page(HttpExchange exchange, List<JsonNode> values, int max) throws IOException {
        Map<String, String> query = query(exchange);
        int pagelen = parseInt(query.getOrDefault("pagelen", String.valueOf(DEFAULT_PAGELEN)))
                .orElse(DEFAULT_PAGELEN);
        int page = Math.max(1, parseInt(query.getOrDefault("page", "1")).orElse(1));
        if (pagelen < 1 || pagelen > max) {
            return FakeBitbucket.json(exchange, 400, FakeBitbucket.error("Invalid pagelen"));
        }
        int from = Math.min(values.size(), (page - 1) * pagelen);
        int to = Math.min(values.size(), from + pagelen);
        ObjectNode body = MAPPER.createObjectNode()
                .put("pagelen", pagelen)
                .put("page", page)
                .put("size", values.size());
        body.putArray("values").addAll(values.subList(from, to));
        if (to < values.size()) {
            Map<String, String> next = new LinkedHashMap<>(query);
            next.put("page", String.valueOf(page + 1));
            body.put(
                    "next",
                    apiBase(exchange) + exchange.getRequestURI().getRawPath() + "?"
                            + next.entrySet().stream()
                                    .map(e ->
                                            e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                                    .collect(Collectors.joining("&")));
        }
        return FakeBitbucket.json(exchange, 200, body);
    }

    /**
     * Returns the base URL the client addressed: a {@code Host} with a port is the fake itself over HTTP; a bare
     * host name is one the client believes it reaches over HTTPS (for instance {@code api.bitbucket.org}).
     */
    private static String apiBase(HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null || host.isBlank()) {
            return "http://127.0.0.1:" + exchange.getLocalAddress().getPort();
        }
        return (host.contains(":") ? "http://" : "https://") + host;
    }

    private boolean lacks(FakeBitbucket.Principal principal, String apiTokenScope, String accessTokenScope) {
        if (principal.kind().equals("api_token")) {
            return !principal.scopes().contains(apiTokenScope);
        }
        return !principal.scopes().contains(accessTokenScope)
                && !principal.scopes().contains(accessTokenScope + ":write");
    }

    private static boolean isRead(String method) {
        return method.equals("GET") || method.equals("HEAD");
    }

    private static int notFound(HttpExchange exchange) throws IOException {
        return FakeBitbucket.json(exchange, 404, FakeBitbucket.error("Resource not found"));
    }

    static Map<String, String> query(HttpExchange exchange) {
        String raw = exchange.getRequestURI().getRawQuery();
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            query.put(key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return query;
    }

    /** Decodes one percent-encoded path segment or query part; a {@code +} in a path stays a {@code +}. */
    static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static Optional<Integer> parseInt(String text) {
        try {
            return Optional.of(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String date(PersonIdent who) {
        return DATE.format(who.getWhenAsInstant().atOffset(ZoneOffset.UTC));
    }

    private static String raw(PersonIdent who) {
        return who.getName() + " <" + who.getEmailAddress() + ">";
    }

    private static String uuid(String name) {
        return "{" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)) + "}";
    }
}
