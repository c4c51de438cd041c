package io.jenkins.plugins.bitbucketapitoken.core.audit;

import io.jenkins.plugins.bitbucketapitoken.core.BitbucketCloud;
import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.Problem;
import io.jenkins.plugins.bitbucketapitoken.core.Severity;
import io.jenkins.plugins.bitbucketapitoken.core.Validated;
import java.util.ArrayList;
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
        Collector collector = new Collector();
        return finish(fullName, collector, SecureXml.parse(configXml == null ? "" : configXml, collector));
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
        Collector collector = new Collector();
        return finish(
                fullName, collector, SecureXml.parse(configXml == null ? new byte[0] : configXml, collector, parsers));
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
        return new Problem(problem.code(), Severity.ERROR, problem.message(), problem.action());
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

    /** Collects what the events of one document say. */
    private static final class Collector implements SecureXml.Handler {
        private final List<String> path = new ArrayList<>();
        /** For each open element, where a credential id directly inside it would be; kept as elements open. */
        private final List<ReferenceSource> places = new ArrayList<>();
        /** The open Git remotes and repository sources, innermost last: they tell the host of the ids in them. */
        private final List<Target> targets = new ArrayList<>();

        private final StringBuilder text = new StringBuilder();
        private final Set<CredentialReference> references = new LinkedHashSet<>();
        private final Set<String> urls = new LinkedHashSet<>();
        private String type;
        private boolean disabled;
        private int openSources;
        /** The freestyle username/password bindings, each its fields; classified at the end with the commands. */
        private final List<Map<String, String>> bindings = new ArrayList<>();
        /** The shell and batch commands of a freestyle job, joined: what its bindings are used for. */
        private final StringBuilder commands = new StringBuilder();

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
        public void start(String name) {
            start(name, "");
        }

        @Override
        public void start(String name, String classAttribute) {
            if (path.isEmpty()) {
                type = ROOT_ALIASES.getOrDefault(name, SecureXml.className(name));
            }
            Target.Kind target = targetKind(name);
            places.add(placeInside(places.isEmpty() ? ReferenceSource.OTHER : places.get(places.size() - 1), name));
            if (ScriptUses.isFreestyleBinding(name)) {
                Map<String, String> binding = new HashMap<>();
                binding.put(BINDING_CLASS, name);
                bindings.add(binding);
            }
            path.add(name);
            text.setLength(0);
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
        private Target.Kind targetKind(String name) {
            if (name.equals("hudson.plugins.git.UserRemoteConfig")) {
                return Target.Kind.REMOTE;
            }
            String parent = path.isEmpty() ? "" : path.get(path.size() - 1);
            if (openSources == 0 && (name.equals("source") || parent.equals("navigators"))) {
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
            if (text.length() > 0) {
                handleText(name, text.toString());
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
            text.setLength(0);
        }

        /** Gives the ids of a remote or source the host it points at, and passes them outwards. */
        private void close(Target target) {
            Optional<String> host = target.host();
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

        private void handleText(String name, String value) {
            String parent = path.size() >= 2 ? path.get(path.size() - 2) : "";
            if (ScriptUses.isFreestyleBinding(parent)) {
                bindings.get(bindings.size() - 1).put(name, value.strip());
            }
            if (isCredentialsIdElement(name)) {
                String id = value.strip();
                if (!id.isEmpty() && !id.equals("SAME")) {
                    add(new CredentialReference(id, whereNow()));
                }
                return;
            }
            if (path.size() == 2 && name.equals("disabled")) {
                disabled = value.strip().equals("true");
                return;
            }
            if (name.equals("script") && parent.equals("definition")) {
                for (CredentialReference use : ScriptUses.find(value)) {
                    add(use);
                }
                BitbucketUrls.find(value, urls);
                return;
            }
            if (name.equals("command")
                    && (parent.equals("hudson.tasks.Shell") || parent.equals("hudson.tasks.BatchFile"))) {
                commands.append(value).append('\n');
            }
            Target innermost = targets.isEmpty() ? null : targets.get(targets.size() - 1);
            if (innermost != null && path.size() == innermost.depth + 1) {
                innermost.fields.putIfAbsent(name, value.strip());
            }
            if (BitbucketUrls.containsIgnoreCase(value, "bitbucket")) {
                BitbucketUrls.find(value, urls);
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
        private static ReferenceSource placeInside(ReferenceSource parent, String name) {
            if (parent == ReferenceSource.NAVIGATOR || parent == ReferenceSource.BRANCH_SOURCE) {
                return parent;
            }
            if (name.equals("navigators")) {
                return ReferenceSource.NAVIGATOR;
            }
            if (name.equals("source") || name.equals("jenkins.branch.BranchSource")) {
                return ReferenceSource.BRANCH_SOURCE;
            }
            if (name.equals("scm")
                    || name.equals("userRemoteConfigs")
                    || name.equals("scms")
                    || name.equals("hudson.plugins.git.UserRemoteConfig")) {
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
