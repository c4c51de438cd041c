package io.jenkins.plugins.bitbucketapitoken.core.testing.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.bitbucketapitoken.core.BitbucketCloud;
import io.jenkins.plugins.bitbucketapitoken.core.auth.Channel;
import io.jenkins.plugins.bitbucketapitoken.core.repo.BitbucketEndpoints;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.RefAdvertiser;
import org.eclipse.jgit.transport.UploadPack;

/**
 * Simulates Bitbucket Cloud in-process on 127.0.0.1, following {@code bitbucket-cloud-facts.md}: the REST API
 * below {@code /2.0} and Git smart HTTP (protocol v0) backed by real JGit repositories, with the usernames each
 * channel accepts, scopes, and Bitbucket's 401, 403, 404, 410 and 429 answers.
 *
 * <p>Git works with the real {@code git} binary and with JGit: ls-remote, clone, fetch, push. Every request is
 * recorded in {@link #requestLog()} without its secret. Register accounts, tokens and repositories fluently:
 *
 * <pre>{@code
 * try (FakeBitbucket bitbucket = FakeBitbucket.start()) {
 *     bitbucket.addAccount("jane@example.com", "jane-doe")
 *             .addApiToken("jane@example.com", token, Set.of("read:repository:bitbucket"), Optional.empty());
 *     FakeRepository repo = bitbucket.addRepository("acme", "widget");
 * }
 * }</pre>
 */
public final class FakeBitbucket implements AutoCloseable {

    /** Every scope an API token needs for a full verification with a push check. */
    public static final Set<String> ALL_SCOPES = Set.of(
            BitbucketCloud.SCOPE_READ_USER,
            BitbucketCloud.SCOPE_READ_REPOSITORY,
            BitbucketCloud.SCOPE_WRITE_REPOSITORY);

    /** The API token scope for reading pull requests. */
    public static final String SCOPE_READ_PULLREQUEST = RepositoryResources.SCOPE_READ_PULLREQUEST;

    /** The API token scope for reading workspaces. */
    public static final String SCOPE_READ_WORKSPACE = RepositoryResources.SCOPE_READ_WORKSPACE;

    /** The API token scope for reading webhooks. */
    public static final String SCOPE_READ_WEBHOOK = RepositoryResources.SCOPE_READ_WEBHOOK;

    /**
     * Every scope the bitbucket-branch-source plugin needs to index branches and pull requests, read files, post build
     * statuses, list webhooks and navigate a workspace.
     */
    public static final Set<String> BRANCH_SOURCE_SCOPES = Set.of(
            BitbucketCloud.SCOPE_READ_USER,
            BitbucketCloud.SCOPE_READ_REPOSITORY,
            SCOPE_READ_PULLREQUEST,
            SCOPE_READ_WORKSPACE,
            SCOPE_READ_WEBHOOK);

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String FAKE = "fake-bitbucket";
    private static final Pattern GIT_PATH =
            Pattern.compile("^/([^/]+)/([^/]+?)(?:\\.git)?/(info/refs|git-upload-pack|git-receive-pack)$");
    private static final Pattern LFS_BATCH_PATH =
            Pattern.compile("^/([^/]+)/([^/]+?)(?:\\.git)?/info/lfs/objects/batch$");
    private static final Pattern LFS_MEDIA_PATH = Pattern.compile("^/lfs-media/([^/]+)/([^/]+)/([0-9a-f]{64})$");
    private static final Pattern REPOSITORY_PATH = Pattern.compile("^/repositories/([^/]+)/([^/]+)/?$");

    private final HttpServer server;
    private final ExecutorService executor;
    private final Clock clock;
    private final Map<String, String> accounts = new ConcurrentHashMap<>();
    private final Map<String, ApiToken> apiTokens = new ConcurrentHashMap<>();
    private final Map<String, String> appPasswords = new ConcurrentHashMap<>();
    private final Map<String, String> accountPasswords = new ConcurrentHashMap<>();
    private final Map<String, AccessToken> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, FakeRepository> repositories = new ConcurrentHashMap<>();
    private final Deque<Injected> injected = new ArrayDeque<>();
    private final List<RecordedRequest> log = new CopyOnWriteArrayList<>();
    /**
     * What each request in flight came with. Not exchange attributes: the JDK's server keeps those in the context,
     * shared by every request, so concurrent Git and REST requests (a build and a status post) overwrote each other's.
     */
    private final Map<HttpExchange, InFlight> inFlight = new ConcurrentHashMap<>();

    /** A request being answered: its channel, its credentials, and whether it was logged. */
    private static final class InFlight {
        private final Channel channel;
        private final Auth auth;
        private volatile boolean recorded;

        InFlight(Channel channel, Auth auth) {
            this.channel = channel;
            this.auth = auth;
        }
    }

    private final List<RecordedBuildStatus> buildStatuses = new CopyOnWriteArrayList<>();
    private final RepositoryResources repositoryResources = new RepositoryResources(this);
    private volatile boolean scopeHeaders = true;

    private record ApiToken(String email, Set<String> scopes, Optional<Instant> expiry) {}

    private record AccessToken(String repository, Set<String> scopes) {}

    private record Injected(int status, Optional<Duration> retryAfter) {}

    /** Who a request authenticated as, or the answer that refuses it. */
    record Principal(String kind, String account, Set<String> scopes, Optional<String> repository) {}

    private record Refusal(int status, String message, boolean json) {}

    private record Auth(String scheme, Optional<String> username, Optional<String> secret) {}

    private FakeBitbucket(Clock clock) throws IOException {
        this.clock = clock;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fake-bitbucket");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle).getAttributes().put(FAKE, this);
        server.start();
    }

    /** Starts a fake on a free port of 127.0.0.1, with the system clock. */
    public static FakeBitbucket start() {
        return start(Clock.systemUTC());
    }

    /** Starts a fake on a free port of 127.0.0.1, judging token expiry by the given clock. */
    public static FakeBitbucket start(Clock clock) {
        try {
            return new FakeBitbucket(clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the fake's base URLs: {@code http://127.0.0.1:PORT/2.0} and {@code http://127.0.0.1:PORT}. */
    public BitbucketEndpoints endpoints() {
        return new BitbucketEndpoints(URI.create(base() + "/2.0"), URI.create(base()));
    }

    /** Returns {@code http://127.0.0.1:PORT}. */
    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Returns the clone URL of a repository. */
    public URI cloneUrl(String workspace, String slug) {
        return endpoints().cloneUrl(workspace, slug);
    }

    /** Registers an Atlassian account with its e-mail and Bitbucket username. */
    public FakeBitbucket addAccount(String email, String bitbucketUsername) {
        accounts.put(email.toLowerCase(Locale.ROOT), bitbucketUsername);
        return this;
    }

    /** Registers an API token of an account, with its scopes (none makes a classic, unscoped token). */
    public FakeBitbucket addApiToken(String email, String token, Set<String> scopes, Optional<Instant> expiry) {
        if (!accounts.containsKey(email.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("add the account " + email + " first");
        }
        apiTokens.put(token, new ApiToken(email.toLowerCase(Locale.ROOT), Set.copyOf(scopes), expiry));
        return this;
    }

    /** Registers an app password; since 2026-07-28 it only ever gets Bitbucket's deprecation answers. */
    public FakeBitbucket addAppPassword(String username, String password) {
        appPasswords.put(password, username);
        return this;
    }

    /** Registers an Atlassian account password; refused since 2022. */
    public FakeBitbucket addAccountPassword(String email, String password) {
        accountPasswords.put(password, email);
        return this;
    }

    /** Registers a repository access token with old-style scopes ({@code repository}, {@code repository:write}). */
    public FakeBitbucket addAccessToken(String token, String repositoryFullName, Set<String> scopes) {
        accessTokens.put(token, new AccessToken(repositoryFullName.toLowerCase(Locale.ROOT), Set.copyOf(scopes)));
        return this;
    }

    /** Creates a repository with one commit on {@code main}. */
    public FakeRepository addRepository(String workspace, String slug) {
        FakeRepository repository = new FakeRepository(workspace, slug);
        repositories.put(key(workspace, slug), repository);
        return repository;
    }

    /** Returns a registered repository. */
    public Optional<FakeRepository> repository(String workspace, String slug) {
        return Optional.ofNullable(repositories.get(key(workspace, slug)));
    }

    /** Answers the next {@code n} requests with 429, with a {@code Retry-After} in seconds if given. */
    public synchronized FakeBitbucket rateLimitNext(int n, Optional<Duration> retryAfter) {
        for (int i = 0; i < n; i++) {
            injected.add(new Injected(429, retryAfter));
        }
        return this;
    }

    /** Answers the next request with this status (a 5xx, typically). */
    public synchronized FakeBitbucket failNext(int status) {
        injected.add(new Injected(status, Optional.empty()));
        return this;
    }

    /** Chooses whether successful REST answers carry {@code X-OAuth-Scopes} and {@code X-Credential-Type}. */
    public FakeBitbucket scopeHeaders(boolean send) {
        this.scopeHeaders = send;
        return this;
    }

    /** Returns every request received so far, oldest first. */
    public List<RecordedRequest> requestLog() {
        return List.copyOf(log);
    }

    /** Counts the requests received on a channel. */
    public long requestCount(Channel channel) {
        return log.stream().filter(r -> r.channel() == channel).count();
    }

    /** Returns every build status POSTed so far, oldest first. */
    public List<RecordedBuildStatus> buildStatuses() {
        return List.copyOf(buildStatuses);
    }

    /** Returns the build statuses POSTed so far for one repository ({@code workspace/slug}), oldest first. */
    public List<RecordedBuildStatus> buildStatuses(String fullName) {
        return buildStatuses.stream()
                .filter(s -> s.repository().equalsIgnoreCase(fullName))
                .toList();
    }

    /** Forgets the requests received so far. */
    public void clearLog() {
        log.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            Channel channel = path.startsWith("/2.0/") ? Channel.REST : Channel.GIT;
            Auth auth = auth(exchange.getRequestHeaders().getFirst("Authorization"));
            InFlight request = new InFlight(channel, auth);
            inFlight.put(exchange, request);
            try {
                Optional<Injected> fault = nextInjected();
                if (fault.isPresent()) {
                    answerInjected(exchange, channel, fault.get());
                } else if (channel == Channel.REST) {
                    handleRest(exchange, path.substring("/2.0".length()), auth);
                } else {
                    handleGit(exchange, path, auth);
                }
            } catch (IOException | RuntimeException e) {
                if (!request.recorded) {
                    sendHeaders(exchange, 500, -1);
                }
            } finally {
                inFlight.remove(exchange);
            }
        }
    }

    /** Records the request, then sends the status: the log is complete before the client sees the answer. */
    static void sendHeaders(HttpExchange exchange, int status, long length) throws IOException {
        InFlight request = inFlight(exchange);
        Auth auth = request.auth;
        String query = exchange.getRequestURI().getRawQuery();
        fakeOf(exchange)
                .log
                .add(new RecordedRequest(
                        request.channel,
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query),
                        auth.scheme(),
                        auth.username(),
                        auth.secret().isPresent(),
                        status,
                        auth.secret().map(RecordedRequest::fingerprint)));
        request.recorded = true;
        exchange.sendResponseHeaders(status, length);
    }

    private static FakeBitbucket fakeOf(HttpExchange exchange) {
        return (FakeBitbucket) exchange.getHttpContext().getAttributes().get(FAKE);
    }

    private static InFlight inFlight(HttpExchange exchange) {
        return fakeOf(exchange).inFlight.get(exchange);
    }

    private synchronized Optional<Injected> nextInjected() {
        return Optional.ofNullable(injected.poll());
    }

    private int answerInjected(HttpExchange exchange, Channel channel, Injected fault) throws IOException {
        fault.retryAfter()
                .ifPresent(d -> exchange.getResponseHeaders().add("Retry-After", String.valueOf(d.toSeconds())));
        String message = fault.status() == 429 ? BitbucketCloud.RATE_LIMIT_TEXT : "Something went wrong.";
        return channel == Channel.REST
                ? json(exchange, fault.status(), error(message))
                : text(exchange, fault.status(), message);
    }

    // ---- REST -------------------------------------------------------------------------------------------

    private int handleRest(HttpExchange exchange, String path, Auth auth) throws IOException {
        if (BitbucketCloud.REMOVED_PATHS.contains(path)) {
            return json(
                    exchange,
                    410,
                    error(BitbucketCloud.REMOVED_ENDPOINT_CHANGE_ID + " - This API is no longer available. Use GET /2.0"
                            + BitbucketCloud.USER_WORKSPACES_PATH + " instead."));
        }
        Object who = restPrincipal(auth);
        if (who instanceof Refusal refusal) {
            return json(exchange, refusal.status(), error(refusal.message()));
        }
        Principal principal = (Principal) who;
        if (path.equals(BitbucketCloud.USER_PATH)) {
            if (principal.kind().equals("api_token") && !principal.scopes().contains(BitbucketCloud.SCOPE_READ_USER)) {
                return missingScopeJson(exchange, principal, List.of(BitbucketCloud.SCOPE_READ_USER));
            }
            ObjectNode user = MAPPER.createObjectNode()
                    .put("type", "user")
                    .put("username", principal.account())
                    .put("display_name", principal.account())
                    .put("account_id", "557058:" + Math.abs(principal.account().hashCode()));
            scopeHeaders(exchange, principal);
            return json(exchange, 200, user);
        }
        Matcher repo = REPOSITORY_PATH.matcher(path);
        if (repo.matches()) {
            String needed = principal.kind().equals("api_token")
                    ? BitbucketCloud.SCOPE_READ_REPOSITORY
                    : BitbucketCloud.ACCESS_TOKEN_SCOPE_READ_REPOSITORY;
            if (!principal.scopes().contains(needed)
                    && !principal.scopes().contains(BitbucketCloud.ACCESS_TOKEN_SCOPE_WRITE_REPOSITORY)) {
                return missingScopeJson(exchange, principal, List.of(needed));
            }
            FakeRepository repository = visible(principal, repo.group(1), repo.group(2));
            if (repository == null) {
                return json(exchange, 404, error(BitbucketCloud.REPOSITORY_NOT_FOUND_TEXT));
            }
            scopeHeaders(exchange, principal);
            return json(exchange, 200, repositoryResources.repository(exchange, repository));
        }
        List<String> segments = segments(path);
        if (!segments.isEmpty()
                && (segments.get(0).equals("repositories") || segments.get(0).equals("workspaces"))) {
            return repositoryResources.handle(exchange, segments, principal);
        }
        return json(exchange, 404, error("Resource not found"));
    }

    /** Splits a raw path into decoded segments: a {@code %2F} stays inside its segment, as in a branch name. */
    private static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String raw : rawPath.split("/")) {
            if (!raw.isEmpty()) {
                segments.add(RepositoryResources.decode(raw));
            }
        }
        return segments;
    }

    /** Lists the repositories of a workspace that a principal can see, by slug. */
    List<FakeRepository> repositoriesOf(Principal principal, String workspace) {
        return repositories.values().stream()
                .filter(r -> r.workspace().equalsIgnoreCase(workspace))
                .filter(r -> visible(principal, r.workspace(), r.slug()) != null)
                .sorted(Comparator.comparing(FakeRepository::slug))
                .toList();
    }

    /** Returns the Basic username a request came with, if any. */
    static Optional<String> usernameOf(HttpExchange exchange) {
        return inFlight(exchange).auth.username();
    }

    void recordBuildStatus(RecordedBuildStatus status) {
        buildStatuses.add(status);
    }

    Instant now() {
        return clock.instant();
    }

    private Object restPrincipal(Auth auth) {
        if (auth.secret().isEmpty()) {
            return new Refusal(
                    401,
                    "This API is only accessible with the following authentication types: basic," + " oauth2",
                    true);
        }
        String secret = auth.secret().get();
        if (auth.scheme().equals("bearer")) {
            AccessToken access = accessTokens.get(secret);
            if (access != null) {
                return new Principal(
                        "repo_access_token",
                        access.repository() + "-bot",
                        access.scopes(),
                        Optional.of(access.repository()));
            }
            return new Refusal(401, BitbucketCloud.TOKEN_INVALID_TEXT, true);
        }
        if (appPasswords.containsKey(secret)) {
            return new Refusal(401, BitbucketCloud.APP_PASSWORD_DEPRECATED_TEXT, true);
        }
        if (accountPasswords.containsKey(secret)) {
            return new Refusal(401, BitbucketCloud.ACCOUNT_PASSWORD_TEXT + " for API authentication.", true);
        }
        ApiToken token = apiTokens.get(secret);
        String user = auth.username().orElse("").toLowerCase(Locale.ROOT);
        if (token == null || !user.equals(token.email())) {
            return new Refusal(401, BitbucketCloud.LOGIN_FAILED_TEXT, true);
        }
        if (isDead(token)) {
            return new Refusal(401, BitbucketCloud.TOKEN_INVALID_TEXT, true);
        }
        return new Principal("api_token", accounts.get(token.email()), token.scopes(), Optional.empty());
    }

    int missingScopeJson(HttpExchange exchange, Principal principal, List<String> required) throws IOException {
        ObjectNode body = error(BitbucketCloud.MISSING_SCOPE_TEXT);
        ObjectNode detail = ((ObjectNode) body.get("error")).putObject("detail");
        required.forEach(detail.putArray("required")::add);
        principal.scopes().stream().sorted().forEach(detail.putArray("granted")::add);
        return json(exchange, 403, body);
    }

    void scopeHeaders(HttpExchange exchange, Principal principal) {
        if (scopeHeaders) {
            exchange.getResponseHeaders()
                    .add(
                            BitbucketCloud.SCOPES_HEADER,
                            String.join(
                                    ", ", principal.scopes().stream().sorted().toList()));
            exchange.getResponseHeaders().add(BitbucketCloud.CREDENTIAL_TYPE_HEADER, principal.kind());
        }
    }

    // ---- Git smart HTTP ---------------------------------------------------------------------------------

    private int handleGit(HttpExchange exchange, String path, Auth auth) throws IOException {
        Matcher batch = LFS_BATCH_PATH.matcher(path);
        if (batch.matches()) {
            return lfsBatch(exchange, batch.group(1), batch.group(2), auth);
        }
        Matcher media = LFS_MEDIA_PATH.matcher(path);
        if (media.matches()) {
            return lfsMedia(exchange, media.group(1), media.group(2), media.group(3));
        }
        Matcher m = GIT_PATH.matcher(path);
        if (!m.matches()) {
            return text(exchange, 404, "Not found");
        }
        String service = m.group(3).equals("info/refs") ? serviceParameter(exchange) : m.group(3);
        boolean advertisement = m.group(3).equals("info/refs");
        if (!service.equals(BitbucketCloud.GIT_UPLOAD_PACK) && !service.equals(BitbucketCloud.GIT_RECEIVE_PACK)) {
            return text(exchange, 403, "Only the smart HTTP protocol is supported.");
        }
        Object who = gitPrincipal(auth);
        if (who instanceof Refusal refusal) {
            if (refusal.status() == 401) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"Bitbucket.org HTTP\"");
            }
            return text(exchange, refusal.status(), refusal.message());
        }
        Principal principal = (Principal) who;
        FakeRepository repository = visible(principal, m.group(1), m.group(2));
        if (repository == null) {
            return text(exchange, 404, BitbucketCloud.REPOSITORY_NOT_FOUND_TEXT);
        }
        boolean write = service.equals(BitbucketCloud.GIT_RECEIVE_PACK);
        if (!mayGit(principal, write)) {
            return text(exchange, 403, BitbucketCloud.MISSING_SCOPE_TEXT);
        }
        if (advertisement) {
            return advertise(exchange, repository, service);
        }
        return serve(exchange, repository, service);
    }

    /**
     * Answers the Git LFS batch API for downloads as Bitbucket does: authenticated like Git, each object with a
     * download address on a media host that needs no credential (Bitbucket's are signed).
     */
    private int lfsBatch(HttpExchange exchange, String workspace, String slug, Auth auth) throws IOException {
        Object who = gitPrincipal(auth);
        if (who instanceof Refusal refusal) {
            if (refusal.status() == 401) {
                exchange.getResponseHeaders().add("LFS-Authenticate", "Basic realm=\"Bitbucket.org HTTP\"");
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"Bitbucket.org HTTP\"");
            }
            return text(exchange, refusal.status(), refusal.message());
        }
        FakeRepository repository = visible((Principal) who, workspace, slug);
        if (repository == null) {
            return text(exchange, 404, BitbucketCloud.REPOSITORY_NOT_FOUND_TEXT);
        }
        ObjectNode request = (ObjectNode) MAPPER.readTree(exchange.getRequestBody());
        ObjectNode answer = MAPPER.createObjectNode().put("transfer", "basic");
        ArrayNode objects = answer.putArray("objects");
        for (var object : request.path("objects")) {
            String oid = object.path("oid").asText();
            ObjectNode entry = objects.addObject()
                    .put("oid", oid)
                    .put("size", object.path("size").asLong());
            if (repository.lfsObject(oid).isPresent()) {
                entry.putObject("actions")
                        .putObject("download")
                        .put("href", base() + "/lfs-media/" + workspace + "/" + slug + "/" + oid);
            } else {
                entry.putObject("error").put("code", 404).put("message", "Object does not exist");
            }
        }
        byte[] body = MAPPER.writeValueAsBytes(answer);
        exchange.getResponseHeaders().add("Content-Type", "application/vnd.git-lfs+json");
        sendHeaders(exchange, 200, body.length);
        exchange.getResponseBody().write(body);
        return 200;
    }

    private int lfsMedia(HttpExchange exchange, String workspace, String slug, String oid) throws IOException {
        Optional<byte[]> content = repository(workspace, slug).flatMap(r -> r.lfsObject(oid));
        if (content.isEmpty()) {
            return text(exchange, 404, "Not found");
        }
        sendHeaders(exchange, 200, content.get().length);
        exchange.getResponseBody().write(content.get());
        return 200;
    }

    private Object gitPrincipal(Auth auth) {
        if (auth.secret().isEmpty() || !auth.scheme().equals("basic")) {
            return new Refusal(401, "", false);
        }
        String secret = auth.secret().get();
        String user = auth.username().orElse("");
        if (appPasswords.containsKey(secret)) {
            return new Refusal(
                    410,
                    BitbucketCloud.APP_PASSWORD_GIT_FIRST_LINE + "\n" + BitbucketCloud.APP_PASSWORD_DEPRECATED_TEXT,
                    false);
        }
        if (accountPasswords.containsKey(secret)) {
            return new Refusal(401, BitbucketCloud.ACCOUNT_PASSWORD_TEXT + " for Git over HTTPS.", false);
        }
        ApiToken token = apiTokens.get(secret);
        if (token != null) {
            String username = accounts.get(token.email());
            if (!user.equals(username) && !user.equals(BitbucketCloud.API_TOKEN_GIT_USERNAME)) {
                return noAccess();
            }
            if (isDead(token)) {
                return new Refusal(401, BitbucketCloud.TOKEN_INVALID_TEXT, false);
            }
            return new Principal("api_token", username, token.scopes(), Optional.empty());
        }
        AccessToken access = accessTokens.get(secret);
        if (access != null && user.equals(BitbucketCloud.ACCESS_TOKEN_GIT_USERNAME)) {
            return new Principal(
                    "repo_access_token",
                    access.repository() + "-bot",
                    access.scopes(),
                    Optional.of(access.repository()));
        }
        return noAccess();
    }

    private static Refusal noAccess() {
        return new Refusal(
                401,
                BitbucketCloud.GIT_NO_ACCESS_TEXT
                        + " If you think this repository exists and you have access, make sure you are authenticated.",
                false);
    }

    private static boolean mayGit(Principal principal, boolean write) {
        Set<String> s = principal.scopes();
        if (principal.kind().equals("api_token")) {
            return s.contains(BitbucketCloud.SCOPE_READ_REPOSITORY)
                    && (!write || s.contains(BitbucketCloud.SCOPE_WRITE_REPOSITORY));
        }
        return write
                ? s.contains(BitbucketCloud.ACCESS_TOKEN_SCOPE_WRITE_REPOSITORY)
                : s.contains(BitbucketCloud.ACCESS_TOKEN_SCOPE_READ_REPOSITORY)
                        || s.contains(BitbucketCloud.ACCESS_TOKEN_SCOPE_WRITE_REPOSITORY);
    }

    private static int advertise(HttpExchange exchange, FakeRepository repository, String service) throws IOException {
        // The Git-Protocol header is ignored on purpose: the fake speaks v0, and git falls back to it.
        exchange.getResponseHeaders().add("Content-Type", "application/x-" + service + "-advertisement");
        exchange.getResponseHeaders().add("Cache-Control", "no-cache");
        sendHeaders(exchange, 200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            PacketLineOut packets = new PacketLineOut(out);
            packets.writeString("# service=" + service + "\n");
            packets.end();
            RefAdvertiser.PacketLineOutRefAdvertiser advertiser = new RefAdvertiser.PacketLineOutRefAdvertiser(packets);
            if (service.equals(BitbucketCloud.GIT_UPLOAD_PACK)) {
                UploadPack upload = new UploadPack(repository.repository());
                upload.setBiDirectionalPipe(false);
                upload.sendAdvertisedRefs(advertiser);
            } else {
                ReceivePack receive = new ReceivePack(repository.repository());
                receive.setBiDirectionalPipe(false);
                receive.sendAdvertisedRefs(advertiser);
            }
        }
        return 200;
    }

    private static int serve(HttpExchange exchange, FakeRepository repository, String service) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            return text(exchange, 405, "Use POST.");
        }
        InputStream in = exchange.getRequestBody();
        if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
            in = new GZIPInputStream(in);
        }
        exchange.getResponseHeaders().add("Content-Type", "application/x-" + service + "-result");
        exchange.getResponseHeaders().add("Cache-Control", "no-cache");
        sendHeaders(exchange, 200, 0);
        try (InputStream body = in;
                OutputStream out = exchange.getResponseBody()) {
            if (service.equals(BitbucketCloud.GIT_UPLOAD_PACK)) {
                UploadPack upload = new UploadPack(repository.repository());
                upload.setBiDirectionalPipe(false);
                upload.upload(body, out, null);
            } else {
                ReceivePack receive = new ReceivePack(repository.repository());
                receive.setBiDirectionalPipe(false);
                receive.receive(body, out, null);
            }
        }
        return 200;
    }

    private static String serviceParameter(HttpExchange exchange) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return "";
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("service=")) {
                return pair.substring("service=".length());
            }
        }
        return "";
    }

    // ---- shared -----------------------------------------------------------------------------------------

    FakeRepository visible(Principal principal, String workspace, String slug) {
        String key = key(workspace, slug.endsWith(".git") ? slug.substring(0, slug.length() - 4) : slug);
        if (principal.repository().filter(r -> !r.equals(key)).isPresent()) {
            return null;
        }
        return repositories.get(key);
    }

    private boolean isDead(ApiToken token) {
        return token.scopes().isEmpty()
                || token.expiry().filter(e -> !clock.instant().isBefore(e)).isPresent();
    }

    private static String key(String workspace, String slug) {
        return (workspace + "/" + slug).toLowerCase(Locale.ROOT);
    }

    private static Auth auth(String header) {
        if (header == null) {
            return new Auth("none", Optional.empty(), Optional.empty());
        }
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return new Auth(
                    "bearer", Optional.empty(), Optional.of(header.substring(7).strip()));
        }
        if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(
                        Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                if (colon >= 0) {
                    return new Auth(
                            "basic", Optional.of(pair.substring(0, colon)), Optional.of(pair.substring(colon + 1)));
                }
            } catch (IllegalArgumentException e) {
                return new Auth("basic", Optional.empty(), Optional.empty());
            }
        }
        return new Auth("other", Optional.empty(), Optional.empty());
    }

    static ObjectNode error(String message) {
        ObjectNode body = MAPPER.createObjectNode().put("type", "error");
        body.putObject("error").put("message", message);
        return body;
    }

    static int json(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = MAPPER.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        sendHeaders(exchange, status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        return status;
    }

    private static int text(HttpExchange exchange, int status, String message) throws IOException {
        byte[] bytes = message.isEmpty() ? new byte[0] : (message + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
        sendHeaders(exchange, status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        return status;
    }

    /** Lists the registered repositories' full names. */
    public Set<String> repositoryNames() {
        return new LinkedHashSet<>(new ArrayList<>(repositories.keySet()));
    }
}
