package io.jenkins.plugins.bitbucketapitoken.core.audit;

import io.jenkins.plugins.bitbucketapitoken.core.BitbucketCloud;
import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.Problem;
import io.jenkins.plugins.bitbucketapitoken.core.Severity;
import io.jenkins.plugins.bitbucketapitoken.core.Validated;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one item's {@code config.xml} into an {@link ItemRecord}: its type, whether it is disabled, every
 * credential id it names and the Bitbucket URLs it talks to. A pure function of its input.
 *
 * <p>Credential ids come from every element whose name is {@code credentialsId} or ends with
 * {@code CredentialsId} (Git remotes, SCM sources, navigators, triggers, build wrappers and bindings), and from
 * the Pipeline script of a {@code CpsFlowDefinition} (see {@link PipelineScriptReferences}). Where an id was
 * found is judged from the enclosing elements: inside {@code navigators} it is a navigator, inside a branch
 * {@code source} a branch source, inside an {@code scm} or a Git remote an SCM, otherwise other. The value
 * {@code SAME} (the older Bitbucket source's "same as scan credentials") is not an id.
 *
 * <p>Parsing is secure (see the class comment of {@code SecureXml}): no DTD, no entity, nothing fetched. The
 * reader never throws; unreadable input gives an invalid {@link Validated} that says why.
 */
public final class ItemConfigReader {

    private static final Map<String, String> ROOT_ALIASES = Map.of(
            "project", "hudson.model.FreeStyleProject",
            "flow-definition", "org.jenkinsci.plugins.workflow.job.WorkflowJob",
            "matrix-project", "hudson.matrix.MatrixProject",
            "maven2-moduleset", "hudson.maven.MavenModuleSet",
            "com.cloudbees.hudson.plugins.folder.Folder", "com.cloudbees.hudson.plugins.folder.Folder");

    private ItemConfigReader() {}

    /**
     * Reads an item's configuration given as text.
     *
     * @param fullName the item's full name
     * @param configXml the content of its {@code config.xml}
     * @return the record, with warnings if part of the input had to be repaired; or why it could not be read
     */
    public static Validated<ItemRecord> read(String fullName, String configXml) {
        Collector collector = Collector.acquire();
        try {
            return finish(fullName, collector, SecureXml.parse(configXml == null ? "" : configXml, collector));
        } finally {
            collector.release();
        }
    }

    /**
     * Reads an item's configuration as stored, in any encoding its XML declaration names (UTF-8 in practice).
     *
     * @param fullName the item's full name
     * @param configXml the bytes of its {@code config.xml}
     * @return the record, with warnings if part of the input had to be repaired; or why it could not be read
     */
    public static Validated<ItemRecord> read(String fullName, byte[] configXml) {
        return read(fullName, configXml, SecureXml.Parsers.LEAN_THEN_SAX);
    }

    static Validated<ItemRecord> read(String fullName, byte[] configXml, SecureXml.Parsers parsers) {
        byte[] bytes = configXml == null ? new byte[0] : configXml;
        return read(fullName, bytes, bytes.length, parsers);
    }

    /**
     * Reads an item's configuration from the start of a buffer, which a caller that reads many files reuses.
     *
     * @param fullName the item's full name
     * @param buffer holds the bytes of its {@code config.xml} from index 0
     * @param length how many bytes of the buffer are the file's
     * @param parsers whether {@link LeanXml} may read it first
     * @return the record, as {@link #read(String, byte[])} gives it
     */
    static Validated<ItemRecord> read(String fullName, byte[] buffer, int length, SecureXml.Parsers parsers) {
        Collector collector = Collector.acquire();
        try {
            return finish(fullName, collector, SecureXml.parse(buffer, length, collector, parsers));
        } finally {
            collector.release();
        }
    }

    private static Validated<ItemRecord> finish(String fullName, Collector collector, SecureXml.Outcome outcome) {
        if (outcome.failed()) {
            return Validated.invalid(asError(outcome.problems().get(0)));
        }
        if (collector.type == null) {
            return Validated.invalid(asError(Message.AUDIT_XML_MALFORMED.problem("no root element")));
        }
        ItemRecord item = new ItemRecord(
                fullName,
                collector.type,
                collector.disabled,
                collector.referencesWithBindings(),
                new ArrayList<>(collector.urls));
        return Validated.valid(item, outcome.problems());
    }

    /** Makes a file-level warning stop the read: Validated needs an error to carry no value. */
    static Problem asError(Problem problem) {
        return new Problem(problem.code(), Severity.ERROR, problem.message(), problem.action(), problem.arguments());
    }

    /**
     * Tells whether an element name is a credential id holder.
     *
     * @param name an element name
     * @return true for {@code credentialsId} and names ending with {@code CredentialsId}
     */
    static boolean isCredentialsIdElement(String name) {
        return name.equals("credentialsId") || name.endsWith("CredentialsId");
    }

    private static final String BINDING_CLASS = "$class";

    private static final String BITBUCKET = "bitbucket";

    /**
     * The text of the innermost element as it arrives, UTF-8 bytes from {@link LeanXml} or characters from SAX
     * (one or the other for a whole document), made a String only when asked.
     */
    private static final class LeafText {
        private static final int MAX_KEPT_BYTES = 64 * 1024;
        private byte[] bytes = new byte[256];
        private int byteCount;
        private final StringBuilder chars = new StringBuilder();
        private String value;

        void append(byte[] utf8, int start, int length) {
            if (byteCount + length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(byteCount + length, bytes.length * 2));
            }
            System.arraycopy(utf8, start, bytes, byteCount, length);
            byteCount += length;
            value = null;
        }

        void append(char[] ch, int start, int length) {
            chars.append(ch, start, length);
            value = null;
        }

        boolean isEmpty() {
            return byteCount == 0 && chars.length() == 0;
        }

        void clear() {
            byteCount = 0;
            chars.setLength(0);
            value = null;
        }

        /** Clears it, and drops a buffer a long text made grow. */
        void release() {
            clear();
            if (bytes.length > MAX_KEPT_BYTES) {
                bytes = new byte[256];
            }
            if (chars.capacity() > MAX_KEPT_BYTES) {
                chars.setLength(0);
                chars.trimToSize();
            }
        }

        String value() {
            if (value == null) {
                String fromBytes = new String(bytes, 0, byteCount, StandardCharsets.UTF_8);
                value = chars.length() == 0 ? fromBytes : fromBytes + chars;
            }
            return value;
        }

        /**
         * Tells whether the text contains a lower-case ASCII word in any case, as
         * {@link BitbucketUrls#containsIgnoreCase} does: on the bytes when they are all ASCII, on the String
         * otherwise (Unicode case rules match more than ASCII ones, such as a dotless i).
         */
        boolean containsIgnoreCase(String lowerAsciiWord) {
            if (chars.length() > 0) {
                return BitbucketUrls.containsIgnoreCase(value(), lowerAsciiWord);
            }
            byte[] b = bytes;
            int last = byteCount - lowerAsciiWord.length();
            byte first = (byte) lowerAsciiWord.charAt(0);
            for (int i = 0; i < byteCount; i++) {
                if (b[i] < 0) {
                    return BitbucketUrls.containsIgnoreCase(value(), lowerAsciiWord);
                }
                if (i <= last && (b[i] | 0x20) == first && matchesAt(b, i, lowerAsciiWord)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean matchesAt(byte[] b, int at, String lowerAsciiWord) {
            for (int k = 1; k < lowerAsciiWord.length(); k++) {
                if ((b[at + k] | 0x20) != lowerAsciiWord.charAt(k)) {
                    return false;
                }
            }
            return true;
        }
    }

    // What an element name means to the reader, as bits: each name is looked up once as its element starts, rather
    // than compared with every name the reader knows at every element and again at its text.
    private static final int NAVIGATORS = 1;
    private static final int SOURCE = 1 << 1;
    private static final int BRANCH_SOURCE = 1 << 2;
    private static final int SCM = 1 << 3;
    private static final int REMOTE = 1 << 4;
    private static final int BINDING = 1 << 5;
    private static final int DEFINITION = 1 << 6;
    private static final int SCRIPT = 1 << 7;
    private static final int COMMAND = 1 << 8;
    private static final int SHELL = 1 << 9;
    private static final int DISABLED = 1 << 10;
    private static final int TARGET_FIELD = 1 << 11;

    private static final Map<String, Integer> ROLES = roles();

    private static Map<String, Integer> roles() {
        Map<String, Integer> roles = new HashMap<>();
        roles.put("navigators", NAVIGATORS);
        roles.put("source", SOURCE);
        roles.put("jenkins.branch.BranchSource", BRANCH_SOURCE);
        for (String scm : List.of("scm", "userRemoteConfigs", "scms")) {
            roles.put(scm, SCM);
        }
        roles.put("hudson.plugins.git.UserRemoteConfig", REMOTE);
        roles.put(ScriptUses.FREESTYLE_PAIR_BINDING, BINDING);
        roles.put(ScriptUses.FREESTYLE_COLON_BINDING, BINDING);
        roles.put("definition", DEFINITION);
        roles.put("script", SCRIPT);
        roles.put("command", COMMAND);
        roles.put("hudson.tasks.Shell", SHELL);
        roles.put("hudson.tasks.BatchFile", SHELL);
        roles.put("disabled", DISABLED);
        for (String field : Target.FIELDS) {
            roles.merge(field, TARGET_FIELD, (a, b) -> a | b);
        }
        return Map.copyOf(roles);
    }

    /**
     * Collects what the events of one document say. Each thread keeps one and reuses its lists and buffers from
     * document to document (a scan reads tens of thousands); a document read while it is busy gets its own.
     */
    private static final class Collector implements SecureXml.Handler {
        private static final ThreadLocal<Collector> COLLECTORS = ThreadLocal.withInitial(Collector::new);
        /** Sets and buffers that grew past this for one document are not kept for the next. */
        private static final int MAX_KEPT = 4096;

        private boolean busy;
        /** Ids and hosts as first read on this thread, kept from document to document (see {@link #shared}). */
        private final Map<String, String> sharedStrings = new HashMap<>();

        private final Map<String, Optional<String>> sharedHosts = new HashMap<>();
        private final List<String> path = new ArrayList<>();
        /** The role bits of each open element's name, as {@link #path} holds the names. */
        private int[] roles = new int[64];
        /** For each open element, where a credential id directly inside it would be; kept as elements open. */
        private final List<ReferenceSource> places = new ArrayList<>();
        /** The open Git remotes and repository sources, innermost last: they tell the host of the ids in them. */
        private final List<Target> targets = new ArrayList<>();

        private final LeafText text = new LeafText();
        private Set<CredentialReference> references = new LinkedHashSet<>();
        private Set<String> urls = new LinkedHashSet<>();
        private String type;
        private boolean disabled;
        private int openSources;
        /** The freestyle username/password bindings, each its fields; classified at the end with the commands. */
        private final List<Map<String, String>> bindings = new ArrayList<>();
        /** The shell and batch commands of a freestyle job, joined: what its bindings are used for. */
        private StringBuilder commands = new StringBuilder();

        /**
         * Returns the equal string this thread's collector kept before, or keeps this one: a scan holds every item's
         * references until its report is written, and thousands of items name the same few ids and hosts.
         */
        private String shared(String value) {
            if (sharedStrings.size() >= MAX_KEPT) {
                sharedStrings.clear();
                sharedHosts.clear();
            }
            String known = sharedStrings.putIfAbsent(value, value);
            return known == null ? value : known;
        }

        private Optional<String> shared(Optional<String> host) {
            return host.isEmpty() ? host : sharedHosts.computeIfAbsent(shared(host.get()), Optional::of);
        }

        /** Returns the thread's collector, empty, or a new one when it is busy. */
        static Collector acquire() {
            Collector collector = COLLECTORS.get();
            if (collector.busy) {
                collector = new Collector();
            }
            collector.busy = true;
            return collector;
        }

        /** Forgets the document, and drops what a large one made grow. */
        void release() {
            path.clear();
            places.clear();
            targets.clear();
            text.release();
            references = references.size() > MAX_KEPT ? new LinkedHashSet<>() : clear(references);
            urls = urls.size() > MAX_KEPT ? new LinkedHashSet<>() : clear(urls);
            type = null;
            disabled = false;
            openSources = 0;
            bindings.clear();
            commands = commands.capacity() > MAX_KEPT ? new StringBuilder() : commands.delete(0, commands.length());
            busy = false;
        }

        private static <T> Set<T> clear(Set<T> set) {
            set.clear();
            return set;
        }

        /**
         * Returns the references, each freestyle binding's classified from the job's commands: a binding read
         * earlier as unknown is replaced by its channel.
         */
        List<CredentialReference> referencesWithBindings() {
            if (bindings.isEmpty()) {
                return new ArrayList<>(references);
            }
            String allCommands = commands.toString();
            Set<CredentialReference> result = new LinkedHashSet<>(references);
            for (Map<String, String> binding : bindings) {
                String id = binding.getOrDefault("credentialsId", "");
                CredentialReference use =
                        ScriptUses.freestyleBinding(binding.get(BINDING_CLASS), id, binding, allCommands);
                if (use.channel() != UseChannel.UNKNOWN
                        && result.remove(new CredentialReference(id, ReferenceSource.OTHER))) {
                    result.add(use);
                }
            }
            return new ArrayList<>(result);
        }

        @Override
        public void text(char[] ch, int start, int length) {
            // No limit of its own: a Pipeline script is read to its end, however long, and the file size limit
            // of whoever reads the file bounds the memory. Only leaf text is kept (it is reset at every element).
            text.append(ch, start, length);
        }

        @Override
        public void utf8Text(byte[] utf8, int start, int length) {
            text.append(utf8, start, length);
        }

        @Override
        public void start(String name) {
            start(name, "");
        }

        @Override
        public void start(String name, String classAttribute) {
            int depth = path.size();
            if (depth == 0) {
                type = ROOT_ALIASES.getOrDefault(name, SecureXml.className(name));
            }
            int role = ROLES.getOrDefault(name, 0);
            Target.Kind target = targetKind(role, depth == 0 ? 0 : roles[depth - 1]);
            places.add(placeInside(depth == 0 ? ReferenceSource.OTHER : places.get(depth - 1), role));
            if ((role & BINDING) != 0) {
                Map<String, String> binding = new HashMap<>();
                binding.put(BINDING_CLASS, name);
                bindings.add(binding);
            }
            if (depth == roles.length) {
                roles = Arrays.copyOf(roles, depth * 2);
            }
            roles[depth] = role;
            path.add(name);
            text.clear();
            if (target != null) {
                // A navigator is named by its element; a source by its class attribute.
                String className = !classAttribute.isEmpty()
                        ? classAttribute
                        : target == Target.Kind.SOURCE && !name.equals("source") ? SecureXml.className(name) : "";
                targets.add(new Target(target, path.size(), className));
                if (target == Target.Kind.SOURCE) {
                    openSources++;
                }
            }
        }

        /** Tells whether an element is a Git remote or a repository source (branch source or navigator). */
        private Target.Kind targetKind(int role, int parentRole) {
            if ((role & REMOTE) != 0) {
                return Target.Kind.REMOTE;
            }
            if (openSources == 0 && ((role & SOURCE) != 0 || (parentRole & NAVIGATORS) != 0)) {
                return Target.Kind.SOURCE;
            }
            return null;
        }

        @Override
        public void end() {
            if (path.isEmpty()) {
                return;
            }
            String name = path.get(path.size() - 1);
            if (!text.isEmpty()) {
                handleText(name, text);
            }
            Target innermost = targets.isEmpty() ? null : targets.get(targets.size() - 1);
            if (innermost != null && innermost.depth == path.size()) {
                targets.remove(targets.size() - 1);
                if (innermost.kind == Target.Kind.SOURCE) {
                    openSources--;
                }
                close(innermost);
            }
            path.remove(path.size() - 1);
            places.remove(places.size() - 1);
            text.clear();
        }

        /** Gives the ids of a remote or source the host it points at, and passes them outwards. */
        private void close(Target target) {
            Optional<String> host = shared(target.host());
            if (target.kind == Target.Kind.SOURCE && target.mayBeBitbucket()) {
                target.composeUrl().ifPresent(urls::add);
            }
            for (CredentialReference reference : target.references) {
                add(reference.host().isPresent() ? reference : reference.withHost(host));
            }
        }

        private void add(CredentialReference reference) {
            if (targets.isEmpty()) {
                references.add(reference);
            } else {
                targets.get(targets.size() - 1).references.add(reference);
            }
        }

        /** Handles an element's text; it is made a String only where it is kept or looked into. */
        private void handleText(String name, LeafText text) {
            int depth = path.size();
            int role = roles[depth - 1];
            int parentRole = depth >= 2 ? roles[depth - 2] : 0;
            if ((parentRole & BINDING) != 0) {
                bindings.get(bindings.size() - 1).put(name, text.value().strip());
            }
            if (isCredentialsIdElement(name)) {
                String id = text.value().strip();
                if (!id.isEmpty() && !id.equals("SAME")) {
                    add(new CredentialReference(shared(id), whereNow()));
                }
                return;
            }
            if (depth == 2 && (role & DISABLED) != 0) {
                disabled = text.value().strip().equals("true");
                return;
            }
            if ((role & SCRIPT) != 0 && (parentRole & DEFINITION) != 0) {
                String value = text.value();
                for (CredentialReference use : ScriptUses.find(value)) {
                    add(use);
                }
                BitbucketUrls.find(value, urls);
                return;
            }
            if ((role & COMMAND) != 0 && (parentRole & SHELL) != 0) {
                commands.append(text.value()).append('\n');
            }
            Target innermost = targets.isEmpty() ? null : targets.get(targets.size() - 1);
            if (innermost != null && depth == innermost.depth + 1 && (role & TARGET_FIELD) != 0) {
                innermost.fields.putIfAbsent(name, text.value().strip());
            }
            if (text.containsIgnoreCase(BITBUCKET)) {
                BitbucketUrls.find(text.value(), urls);
            }
        }

        /** Tells where a credential id is found: by its enclosing elements, looked up in constant time. */
        private ReferenceSource whereNow() {
            return places.size() >= 2 ? places.get(places.size() - 2) : ReferenceSource.OTHER;
        }

        /**
         * Tells where an id inside an element is, from where an id in its parent would be: the outermost navigator or
         * branch source decides; otherwise any SCM or Git remote makes it an SCM.
         */
        private static ReferenceSource placeInside(ReferenceSource parent, int role) {
            if (parent == ReferenceSource.NAVIGATOR || parent == ReferenceSource.BRANCH_SOURCE) {
                return parent;
            }
            if ((role & NAVIGATORS) != 0) {
                return ReferenceSource.NAVIGATOR;
            }
            if ((role & (SOURCE | BRANCH_SOURCE)) != 0) {
                return ReferenceSource.BRANCH_SOURCE;
            }
            if ((role & (SCM | REMOTE)) != 0) {
                return ReferenceSource.SCM;
            }
            return parent;
        }
    }

    /** A Git remote or a repository source that is open: the ids inside it, and the fields that say its host. */
    private static final class Target {
        /** What it is. */
        enum Kind {
            /** A Git remote ({@code hudson.plugins.git.UserRemoteConfig}): its {@code url}. */
            REMOTE,
            /** A branch source or navigator: its class and its {@code serverUrl}, {@code remote}, ... */
            SOURCE
        }

        /** The fields of a remote or source that {@link #host()} and {@link #composeUrl()} read. */
        static final Set<String> FIELDS =
                Set.of("url", "serverUrl", "remote", "repositoryUrl", "apiUri", "repoOwner", "repository");

        private final Kind kind;
        private final int depth;
        private final String className;
        private final Map<String, String> fields = new HashMap<>();
        private final List<CredentialReference> references = new ArrayList<>();

        Target(Kind kind, int depth, String className) {
            this.kind = kind;
            this.depth = depth;
            this.className = className.toLowerCase(Locale.ROOT);
        }

        /** Tells whether the source may be a Bitbucket one: by its class, or any source whose class is unknown. */
        boolean mayBeBitbucket() {
            return className.isEmpty() || className.contains("bitbucket");
        }

        /** Tells the host the remote or source talks to, when its configuration says so plainly. */
        Optional<String> host() {
            if (kind == Kind.REMOTE) {
                return BitbucketUrls.hostOfTarget(fields.getOrDefault("url", ""));
            }
            for (String field : List.of("serverUrl", "remote", "repositoryUrl", "apiUri")) {
                String value = fields.getOrDefault(field, "");
                if (!value.isBlank()) {
                    return BitbucketUrls.hostOfTarget(value);
                }
            }
            if (className.contains("github")) {
                return Optional.of("github.com");
            }
            // Bitbucket sources and navigators without a server URL talk to Bitbucket Cloud (older versions wrote
            // none); so does a source of unknown class that names a repository owner, like the URL composed for it.
            boolean bitbucket = className.contains("bitbucket")
                    || (className.isEmpty()
                            && !fields.getOrDefault("repoOwner", "").isEmpty());
            return bitbucket ? Optional.of(BitbucketCloud.CLOUD_HOSTS.get(0)) : Optional.empty();
        }

        /** Composes the address of a Bitbucket source or navigator from its server, owner and repository. */
        Optional<String> composeUrl() {
            String owner = fields.getOrDefault("repoOwner", "");
            if (owner.isEmpty()) {
                return Optional.empty();
            }
            String serverUrl = fields.getOrDefault("serverUrl", "");
            String server = serverUrl.isBlank() ? "https://bitbucket.org" : stripSlashes(serverUrl);
            String repository = fields.get("repository");
            return BitbucketUrls.normalise(server + "/" + owner + (repository == null ? "" : "/" + repository));
        }

        private static String stripSlashes(String s) {
            int end = s.length();
            while (end > 0 && s.charAt(end - 1) == '/') {
                end--;
            }
            return s.substring(0, end);
        }
    }
}
