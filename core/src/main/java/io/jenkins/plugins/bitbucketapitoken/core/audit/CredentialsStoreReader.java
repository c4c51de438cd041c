package io.jenkins.plugins.bitbucketapitoken.core.audit;

import io.jenkins.plugins.bitbucketapitoken.core.Validated;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the credentials of one store from the XML Jenkins keeps it in: {@code credentials.xml} (the system
 * store), a folder's {@code config.xml} ({@code FolderCredentialsProvider$FolderCredentialsProperty}) or a
 * user's {@code config.xml} ({@code UserCredentialsProvider$UserCredentialsProperty}).
 *
 * <p>All three keep a {@code domainCredentialsMap} whose entries pair a domain with a list of credentials; each
 * credential is an element named after its class, with {@code id}, {@code scope}, {@code username} and its
 * secret ({@code password}, {@code secret} or {@code token}). The secret is decrypted with the given
 * {@link SecretDecryptor}, judged with everything else the store proves (type, username, the length of what
 * cannot be decrypted, a domain for {@code bitbucket.org}: see {@code docs/audit.md}) and dropped: it is never
 * part of the result, only the kind and the evidence for it. A username marked {@code usernameSecret} is not
 * reported. Never throws.
 */
public final class CredentialsStoreReader {

    private static final String DOMAIN = "com.cloudbees.plugins.credentials.domains.Domain";
    private static final List<String> SECRET_FIELDS = List.of("password", "secret", "token", "apiToken");
    /**
     * The most of a credential's field that is kept, in characters, whichever parser reads the store and however
     * it splits the text: a longer field is marked as such. No id, username, password or token is that long; a
     * secret that is cannot be an app password, API or access token.
     */
    static final int MAX_FIELD = 64 * 1024;

    private CredentialsStoreReader() {}

    /**
     * Reads the credentials of a store.
     *
     * @param store which store the document holds
     * @param xml the document as stored
     * @param decryptor how to read secrets
     * @return the credentials in document order (first domain first), with warnings if part of the input had
     *     to be repaired; or why the document could not be read
     */
    public static Validated<List<CredentialRecord>> read(StoreRef store, byte[] xml, SecretDecryptor decryptor) {
        return read(store, xml, decryptor, SecureXml.Parsers.LEAN_THEN_SAX);
    }

    static Validated<List<CredentialRecord>> read(
            StoreRef store, byte[] xml, SecretDecryptor decryptor, SecureXml.Parsers parsers) {
        Collector collector = new Collector(store, decryptor);
        return finish(collector, SecureXml.parse(xml == null ? new byte[0] : xml, collector, parsers));
    }

    /**
     * Reads the credentials of a store given as text.
     *
     * @param store which store the document holds
     * @param xml the document
     * @param decryptor how to read secrets
     * @return the credentials, or why the document could not be read
     */
    public static Validated<List<CredentialRecord>> read(StoreRef store, String xml, SecretDecryptor decryptor) {
        Collector collector = new Collector(store, decryptor);
        return finish(collector, SecureXml.parse(xml == null ? "" : xml, collector));
    }

    private static Validated<List<CredentialRecord>> finish(Collector collector, SecureXml.Outcome outcome) {
        if (outcome.failed()) {
            return Validated.invalid(ItemConfigReader.asError(outcome.problems().get(0)));
        }
        return Validated.valid(List.copyOf(collector.records), outcome.problems());
    }

    /**
     * Finds the user id in a user's {@code config.xml}: the {@code <id>} directly under {@code <user>}.
     *
     * @param xml the document as stored
     * @return the id, if the document names one
     */
    public static Optional<String> userId(byte[] xml) {
        String[] id = {null};
        List<String> path = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        SecureXml.Outcome outcome = SecureXml.parse(xml, new SecureXml.Handler() {
            @Override
            public void start(String name) {
                path.add(name);
                text.setLength(0);
            }

            @Override
            public void text(char[] ch, int start, int length) {
                // The same cut however the parser splits the text.
                text.append(ch, start, Math.min(length, Math.max(0, 1024 - text.length())));
            }

            @Override
            public void end() {
                if (path.size() == 2 && path.get(1).equals("id") && id[0] == null) {
                    id[0] = text.toString().strip();
                }
                path.remove(path.size() - 1);
            }
        });
        return outcome.failed() ? Optional.empty() : Optional.ofNullable(id[0]).filter(s -> !s.isEmpty());
    }

    /** Collects credentials from the events of one document. */
    private static final class Collector implements SecureXml.Handler {
        private final StoreRef store;
        private final SecretDecryptor decryptor;
        private final List<CredentialRecord> records = new ArrayList<>();
        private final List<String> path = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();
        private final Map<String, String> fields = new HashMap<>();
        private final Set<String> overlongFields = new HashSet<>();
        private boolean overlong;
        private int mapDepth = -1;
        private int credentialDepth = -1;
        private String credentialType;
        /** Whether the domain of the entry being read names bitbucket.org; entries give the domain first. */
        private boolean bitbucketDomain;

        Collector(StoreRef store, SecretDecryptor decryptor) {
            this.store = store;
            this.decryptor = decryptor;
        }

        @Override
        public void text(char[] ch, int start, int length) {
            if ((credentialDepth > 0 && path.size() == credentialDepth + 1) || inDomain()) {
                // The same cut wherever the parser splits the text: exactly MAX_FIELD characters are kept.
                int room = MAX_FIELD - text.length();
                if (length > room) {
                    overlong = true;
                }
                text.append(ch, start, Math.min(length, Math.max(room, 0)));
            }
        }

        @Override
        public void start(String name) {
            path.add(name);
            text.setLength(0);
            overlong = false;
            int depth = path.size();
            if (mapDepth < 0 && name.equals("domainCredentialsMap")) {
                mapDepth = depth;
            } else if (mapDepth > 0 && depth == mapDepth + 1) {
                // domainCredentialsMap / entry: a new domain and its credentials
                bitbucketDomain = false;
            } else if (mapDepth > 0
                    && credentialDepth < 0
                    && depth == mapDepth + 3
                    && !path.get(mapDepth + 1).equals(DOMAIN)) {
                // domainCredentialsMap / entry / list / credential
                credentialDepth = depth;
                credentialType = SecureXml.className(name);
                fields.clear();
                overlongFields.clear();
            }
        }

        @Override
        public void end() {
            int depth = path.size();
            if (credentialDepth > 0 && depth == credentialDepth + 1) {
                String field = path.get(depth - 1);
                if (fields.putIfAbsent(field, text.toString()) == null && overlong) {
                    overlongFields.add(field);
                }
            } else if (depth == credentialDepth) {
                record();
                credentialDepth = -1;
                fields.clear();
            } else if (depth == mapDepth) {
                mapDepth = -1;
            } else if (inDomain() && namesBitbucketCloud(path.get(depth - 1), text)) {
                bitbucketDomain = true;
            }
            path.remove(depth - 1);
            text.setLength(0);
            overlong = false;
        }

        /** Tells whether the element being read is inside the domain of a domainCredentialsMap entry. */
        private boolean inDomain() {
            return mapDepth > 0
                    && credentialDepth < 0
                    && path.size() > mapDepth + 2
                    && path.get(mapDepth + 1).equals(DOMAIN);
        }

        private void record() {
            String id = fields.getOrDefault("id", "").strip();
            if (id.isEmpty()) {
                return;
            }
            Optional<String> secretField = SECRET_FIELDS.stream()
                    .filter(f -> fields.get(f) != null && !fields.get(f).isBlank())
                    .findFirst();
            boolean usernameSecret =
                    "true".equals(fields.getOrDefault("usernameSecret", "").strip());
            Optional<String> username = usernameSecret
                    ? Optional.empty()
                    : Optional.ofNullable(fields.get("username"))
                            .filter(u -> !overlongFields.contains("username"))
                            .map(String::strip)
                            .filter(s -> !s.isEmpty());
            CredentialJudge.Facts facts = new CredentialJudge.Facts(
                    credentialType,
                    username,
                    usernameSecret,
                    secretField.map(fields::get).map(String::strip),
                    secretField.filter(overlongFields::contains).isPresent(),
                    bitbucketDomain);
            CredentialJudge.Judgement judgement = CredentialJudge.judge(facts, decryptor);
            records.add(new CredentialRecord(
                    id,
                    store,
                    CredentialScope.parse(fields.get("scope")),
                    credentialType,
                    username,
                    judgement.kind(),
                    judgement.evidence(),
                    judgement.useDependence()));
        }
    }

    /**
     * Tells whether an element of a credentials domain names Bitbucket Cloud: the domain's {@code name}, or a
     * host pattern in the {@code includes} of its hostname specification.
     */
    static boolean namesBitbucketCloud(String element, CharSequence text) {
        if (!element.equals("name") && !element.equals("includes")) {
            return false;
        }
        for (String pattern : text.toString().split(",")) {
            String p = BitbucketUrls.lower(pattern.strip());
            int port = p.indexOf(':');
            String host = port < 0 ? p : p.substring(0, port);
            if (host.equals("bitbucket.org") || host.endsWith(".bitbucket.org") || host.equals("*bitbucket.org")) {
                return true;
            }
        }
        return false;
    }
}
