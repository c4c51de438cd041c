package io.jenkins.plugins.bitbucketapitoken.core;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * Catalogues every message this library shows to a person: what is wrong and what to do about it.
 *
 * <p>Each message has a stable code (its name), a severity and a number of arguments. Its text and its action live
 * in {@code Messages.properties} beside this class, as {@code NAME.text} and {@code NAME.action}, so that translators
 * work on properties files as for the rest of Jenkins; {@code Messages_<language>.properties} beside it translates
 * them. Texts take positional arguments written {@code {0}}, {@code {1}}, ...; arguments are never secrets. Dates,
 * addresses and fixed names are written {@code {appPasswordsRemoved}} and the like, and come from
 * {@link BitbucketCloud#messageFacts()}, so a corrected fact changes every message, in every language, at once.
 */
public enum Message {
    SECRET_EMPTY(Severity.ERROR, 0),
    SECRET_WHITESPACE(Severity.WARNING, 1),
    APP_PASSWORD(Severity.ERROR, 1),
    API_TOKEN_DAMAGED(Severity.ERROR, 1),
    ACCESS_TOKEN_DAMAGED(Severity.ERROR, 1),
    DAMAGE_NO_CHECKSUM(Severity.INFO, 0),
    DAMAGE_CHECKSUM_MISMATCH(Severity.INFO, 0),
    DAMAGE_FOREIGN_CHARACTERS(Severity.INFO, 0),
    UNKNOWN_SHAPE(Severity.ERROR, 0),
    OLD_APP_PASSWORD_SHAPE(Severity.INFO, 0),
    NEW_APP_PASSWORD_SHAPE(Severity.INFO, 0),
    GIT_USERNAME_IS_EMAIL(Severity.ERROR, 1),
    REST_NEEDS_EMAIL(Severity.ERROR, 0),
    REST_USERNAME_NOT_EMAIL(Severity.ERROR, 1),
    EMAIL_INVALID(Severity.ERROR, 1),
    ACCESS_TOKEN_WRONG_GIT_USERNAME(Severity.ERROR, 1),
    ACCESS_TOKEN_BEARER(Severity.INFO, 0),
    ACCESS_TOKEN_NOT_API_TOKEN(Severity.ERROR, 0),
    UNKNOWN_SHAPE_MAY_WORK(Severity.WARNING, 0),
    EMAIL_REQUIRED(Severity.ERROR, 0),
    GIT_USERNAME_DEFAULT(Severity.INFO, 0),
    GIT_USERNAME_FOR_ACCESS_TOKENS(Severity.ERROR, 0),
    GIT_USERNAME_INVALID(Severity.ERROR, 1),
    EXPIRY_INVALID(Severity.ERROR, 1),
    TOKEN_EXPIRED(Severity.ERROR, 1),
    TOKEN_EXPIRES_SOON(Severity.WARNING, 2),
    EXPIRY_TOO_FAR(Severity.WARNING, 1),
    EXPIRY_UNKNOWN(Severity.INFO, 0),
    BRANCH_INVALID(Severity.ERROR, 1),
    DEPTH_INVALID(Severity.ERROR, 1),
    TIMEOUT_INVALID(Severity.ERROR, 1),
    SPARSE_PATH_INVALID(Severity.ERROR, 1),
    SHALLOW_COMMIT_IGNORED(Severity.WARNING, 1),
    CHECKOUT_APP_PASSWORD(Severity.ERROR, 1),
    CHECKOUT_UNSUPPORTED_CREDENTIAL(Severity.ERROR, 2),
    CHECKOUT_CREDENTIAL_NOT_FOUND(Severity.ERROR, 1),
    SUBMODULE_NOT_ON_BITBUCKET(Severity.ERROR, 3),
    SUBMODULES_TOO_DEEP(Severity.ERROR, 2),
    SUBMODULES_UPDATING(Severity.INFO, 2),
    SUBMODULES_UPDATING_NESTED(Severity.INFO, 3),
    CONTROLLER_HEADING(Severity.INFO, 1),
    CONTROLLER_SUMMARY_TITLE(Severity.INFO, 0),
    CONTROLLER_SUMMARY_LINE(Severity.INFO, 4),
    CONTROLLER_NOT_ALL_READ(Severity.INFO, 0),
    MIGRATION_CHANGED_SINCE_SHOWN(Severity.ERROR, 1),
    MIGRATION_NOT_WRITTEN(Severity.ERROR, 1),
    WHITESPACE_LINE_BREAKS(Severity.INFO, 0),
    WHITESPACE_AT_THE_ENDS(Severity.INFO, 0),
    WHITESPACE_INSIDE(Severity.INFO, 0),
    WHITESPACE_INVISIBLE(Severity.INFO, 0),
    LIST_AND(Severity.INFO, 2),
    REPORT_REST_WORKS(Severity.INFO, 1),
    REPORT_REST_FAILS(Severity.INFO, 1),
    REPORT_ACCOUNT(Severity.INFO, 1),
    REPORT_CAN_READ(Severity.INFO, 1),
    REPORT_SCOPES(Severity.INFO, 1),
    REPORT_GIT_CAN_READ(Severity.INFO, 1),
    REPORT_GIT_FAILS(Severity.INFO, 1),
    REPORT_GIT_NOT_CHECKED(Severity.INFO, 1),
    REPORT_NAME_A_REPOSITORY(Severity.INFO, 0),
    REPORT_GIVE_REPOSITORY_OPTION(Severity.INFO, 0),
    REPORT_CAN_PUSH(Severity.INFO, 0),
    REPORT_CANNOT_PUSH(Severity.INFO, 1),
    REPORT_HTTP_STATUS(Severity.INFO, 1),
    REPORT_ALL_GOOD(Severity.INFO, 0),
    REPORT_GIT_DIAGNOSIS(Severity.INFO, 1),
    REPORT_REST_DIAGNOSIS(Severity.INFO, 1),
    REPORT_WHAT_TO_DO(Severity.INFO, 1),
    DEFAULT_BRANCH_UNKNOWN(Severity.ERROR, 1),
    CHECKOUT_FAILED(Severity.ERROR, 5),
    MONITOR_APP_PASSWORDS_REMOVED(Severity.ERROR, 2),
    MONITOR_APP_PASSWORDS_BROWNOUT(Severity.ERROR, 2),
    MONITOR_APP_PASSWORDS_DEPRECATED(Severity.WARNING, 2),
    MONITOR_TOKENS_EXPIRING(Severity.WARNING, 1),
    MIGRATION_NOT_AN_APP_PASSWORD(Severity.ERROR, 1),
    MIGRATION_BREAKS_UNCONFIRMED(Severity.ERROR, 2),
    AUDIT_BREAKING_USES(Severity.WARNING, 0),
    IMPACT_GIT(Severity.INFO, 0),
    IMPACT_BRANCH_SOURCE(Severity.INFO, 0),
    IMPACT_BINDING_REST(Severity.ERROR, 1),
    IMPACT_UNKNOWN(Severity.WARNING, 0),
    REPOSITORY_EMPTY(Severity.ERROR, 0),
    REPOSITORY_UNPARSEABLE(Severity.ERROR, 1),
    REPOSITORY_HOST_NOT_ALLOWED(Severity.ERROR, 1),
    REPOSITORY_WORKSPACE_ONLY(Severity.ERROR, 1),
    REPOSITORY_INVALID_NAME(Severity.ERROR, 1),
    REPOSITORY_INSECURE_SCHEME(Severity.ERROR, 1),
    REPOSITORY_CREDENTIALS_IN_URL(Severity.WARNING, 0),
    BASE_URL_INVALID(Severity.ERROR, 1),
    PHASE_ACTIVE(Severity.INFO, 0),
    PHASE_CREATION_DISABLED(Severity.WARNING, 0),
    PHASE_BROWNOUT(Severity.ERROR, 0),
    PHASE_REMOVED(Severity.ERROR, 0),
    DIAGNOSIS_APP_PASSWORD_REMOVED(Severity.ERROR, 1),
    DIAGNOSIS_ACCOUNT_PASSWORD(Severity.ERROR, 1),
    DIAGNOSIS_EMAIL_AS_GIT_USERNAME(Severity.ERROR, 1),
    DIAGNOSIS_USERNAME_FOR_REST(Severity.ERROR, 1),
    DIAGNOSIS_EMAIL_MISSING(Severity.ERROR, 0),
    DIAGNOSIS_TOKEN_INVALID(Severity.ERROR, 1),
    DIAGNOSIS_TOKEN_SENT_AS_BEARER(Severity.ERROR, 0),
    DIAGNOSIS_MISSING_SCOPE(Severity.ERROR, 4),
    DIAGNOSIS_SCOPES_GRANTED(Severity.INFO, 1),
    DIAGNOSIS_SOME_SCOPE(Severity.INFO, 0),
    DIAGNOSIS_NO_ACCESS(Severity.ERROR, 2),
    DIAGNOSIS_CREDENTIALS_REJECTED(Severity.ERROR, 2),
    DIAGNOSIS_REPOSITORY_NOT_FOUND(Severity.ERROR, 1),
    DIAGNOSIS_ENDPOINT_REMOVED(Severity.ERROR, 0),
    DIAGNOSIS_RATE_LIMITED(Severity.ERROR, 2),
    DIAGNOSIS_RETRY_LATER(Severity.INFO, 0),
    DIAGNOSIS_RETRY_AFTER(Severity.INFO, 1),
    DIAGNOSIS_SERVER_ERROR(Severity.ERROR, 2),
    DIAGNOSIS_NETWORK_ERROR(Severity.ERROR, 3),
    DIAGNOSIS_GIT_CONFIGURATION(Severity.ERROR, 2),
    DIAGNOSIS_UNKNOWN_RESPONSE(Severity.ERROR, 2),
    DIAGNOSIS_NOT_GIT(Severity.ERROR, 1),
    DIAGNOSIS_REDIRECTED(Severity.ERROR, 3),
    DIAGNOSIS_BITBUCKET_SAID(Severity.INFO, 1),
    DIAGNOSIS_BITBUCKET(Severity.INFO, 0),
    CHANNEL_GIT(Severity.INFO, 0),
    CHANNEL_REST(Severity.INFO, 0),
    DIAGNOSIS_INTERRUPTED(Severity.INFO, 0),
    UNTRUSTED_DESTINATION(Severity.ERROR, 2),
    AUDIT_APP_PASSWORDS_IN_USE(Severity.ERROR, 1),
    AUDIT_NO_APP_PASSWORDS(Severity.INFO, 0),
    AUDIT_SECRETS_UNREADABLE_NOTE(Severity.INFO, 0),
    AUDIT_POSSIBLY(Severity.WARNING, 1),
    AUDIT_POSSIBLY_AND_CERTAIN(Severity.WARNING, 2),
    AUDIT_UNREADABLE_BUT_CERTAIN(Severity.WARNING, 1),
    AUDIT_POSSIBLY_NONE(Severity.INFO, 0),
    AUDIT_POSSIBLY_ALSO(Severity.WARNING, 1),
    AUDIT_POSSIBLE_REFERENCE(Severity.INFO, 4),
    EVIDENCE_SHAPE_API_TOKEN(Severity.INFO, 0),
    EVIDENCE_SHAPE_ACCESS_TOKEN(Severity.INFO, 0),
    EVIDENCE_SHAPE_APP_PASSWORD(Severity.INFO, 0),
    EVIDENCE_SHAPE_OLDER_APP_PASSWORD(Severity.INFO, 0),
    EVIDENCE_SHAPE_TWENTY_LETTERS(Severity.INFO, 0),
    EVIDENCE_SHAPE_OTHER(Severity.INFO, 0),
    EVIDENCE_TOO_LONG(Severity.INFO, 1),
    EVIDENCE_NO_SECRET_TYPE(Severity.INFO, 1),
    EVIDENCE_NO_SECRET_FOUND(Severity.INFO, 0),
    EVIDENCE_SECRET_UNREADABLE(Severity.INFO, 0),
    EVIDENCE_DOES_NOT_DECRYPT(Severity.INFO, 0),
    EVIDENCE_LEGACY_OR_PLAIN(Severity.INFO, 0),
    EVIDENCE_LENGTH_FITS(Severity.INFO, 2),
    EVIDENCE_LENGTH_EXCLUDES(Severity.INFO, 2),
    EVIDENCE_USERNAME_PLAIN(Severity.INFO, 1),
    EVIDENCE_USERNAME_EMAIL(Severity.INFO, 1),
    EVIDENCE_USERNAME_API_TOKEN(Severity.INFO, 1),
    EVIDENCE_USERNAME_ACCESS_TOKEN(Severity.INFO, 1),
    EVIDENCE_USERNAME_HIDDEN(Severity.INFO, 0),
    EVIDENCE_BITBUCKET_DOMAIN(Severity.INFO, 0),
    EVIDENCE_CLOUD_USE(Severity.INFO, 2),
    EVIDENCE_NO_CLOUD_USE(Severity.INFO, 0),
    EVIDENCE_ONLY_OTHER_HOSTS(Severity.INFO, 1),
    AUDIT_SECRETS_UNREADABLE(Severity.WARNING, 1),
    AUDIT_FILE_TOO_LARGE(Severity.WARNING, 1),
    AUDIT_XML_MALFORMED(Severity.WARNING, 1),
    AUDIT_XML_DOCTYPE(Severity.WARNING, 0),
    AUDIT_XML_TOO_DEEP(Severity.WARNING, 1),
    AUDIT_XML_BAD_ENCODING(Severity.WARNING, 1),
    AUDIT_NOT_UTF8(Severity.WARNING, 0),
    AUDIT_FILE_UNREADABLE(Severity.WARNING, 1),
    AUDIT_NOT_A_FILE(Severity.WARNING, 0),
    AUDIT_SYMLINK_LOOP(Severity.WARNING, 1);

    /** The base name of the bundle that holds the texts. */
    public static final String BUNDLE = "io.jenkins.plugins.bitbucketapitoken.core.Messages";

    private static final ResourceBundle.Control NO_FALLBACK_TO_THE_JVM_LOCALE =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_DEFAULT);

    private final Severity severity;
    private final int arguments;

    Message(Severity severity, int arguments) {
        this.severity = severity;
        this.arguments = arguments;
    }

    /** Returns how much this message matters when it is reported as a problem. */
    public Severity severity() {
        return severity;
    }

    /** Returns how many arguments the text and the action take: {@code {0}} to {@code {n-1}}. */
    public int arguments() {
        return arguments;
    }

    /** Renders the text in English with its arguments in place of {@code {0}}, {@code {1}}, .... */
    public String text(Object... args) {
        return text(Locale.ROOT, args);
    }

    /**
     * Renders the text in a language, falling back to English where no translation has it.
     *
     * @param locale the reader's locale
     * @param args the arguments, never secrets
     * @return the text
     */
    public String text(Locale locale, Object... args) {
        return render(locale, name() + ".text", args);
    }

    /** Renders what the person should do, in English, with the same arguments as {@link #text(Object...)}. */
    public String action(Object... args) {
        return action(Locale.ROOT, args);
    }

    /**
     * Renders what the person should do in a language, falling back to English where no translation has it.
     *
     * @param locale the reader's locale
     * @param args the same arguments as the text's
     * @return the action; empty when nothing needs doing
     */
    public String action(Locale locale, Object... args) {
        return render(locale, name() + ".action", args);
    }

    /**
     * Creates a piece of text to pass as another message's argument: it is rendered in the same language as the
     * message that takes it, and in English where it is turned into a string.
     *
     * @param args its own arguments
     * @return the fragment
     */
    public Fragment fragment(Object... args) {
        return new Fragment(this, argumentValues(args));
    }

    /**
     * A message used as an argument of another one, such as the kind of damage in "the token is damaged: {0}".
     *
     * @param code the message
     * @param args its arguments: texts, numbers or fragments
     */
    public record Fragment(Message code, List<Object> args) {

        /** Copies the arguments. */
        public Fragment {
            Objects.requireNonNull(code, "code");
            args = List.copyOf(args);
        }

        /**
         * Renders the fragment's text in a language.
         *
         * @param locale the reader's locale
         * @return the text
         */
        public String render(Locale locale) {
            return code.text(locale, args.toArray());
        }

        /** Returns the fragment's text in English. */
        @Override
        public String toString() {
            return render(Locale.ROOT);
        }
    }

    /**
     * Turns a message's arguments into the immutable values a problem or a diagnosis keeps to render the message again
     * in another language: fragments stay fragments, anything else becomes its text.
     *
     * @param args the arguments
     * @return their values
     */
    public static List<Object> argumentValues(Object... args) {
        return Arrays.stream(args)
                .map(a -> a instanceof Fragment ? a : (Object) String.valueOf(a))
                .toList();
    }

    /**
     * Joins items into "a and b and c" in the reader's language, as nested {@link #LIST_AND} fragments.
     *
     * @param items texts or fragments; at least one
     * @return the single item, or the joined fragment
     */
    public static Object listOf(List<?> items) {
        Object all = items.get(0);
        for (Object next : items.subList(1, items.size())) {
            all = LIST_AND.fragment(all, next);
        }
        return all;
    }

    /** Creates a problem that carries this message, rendered in English, and its arguments for other languages. */
    public Problem problem(Object... args) {
        return new Problem(this, severity, text(args), action(args), argumentValues(args));
    }

    /**
     * Returns the raw template of a text or action as the bundle for a locale holds it, for tests and tools.
     *
     * @param locale the locale
     * @param key {@code NAME.text} or {@code NAME.action}
     * @return the template, with its placeholders
     */
    public static String template(Locale locale, String key) {
        return bundle(locale).getString(key);
    }

    /**
     * Finds the texts for a locale. A translation is looked for with the thread's context class loader first (in
     * Jenkins the loader of all plugins, so a translation may come from another plugin or a test), then beside this
     * class; English always comes from beside this class, so it matches this version of the catalogue.
     */
    private static ResourceBundle bundle(Locale locale) {
        Locale wanted = locale == null ? Locale.ROOT : locale;
        ClassLoader own = Message.class.getClassLoader();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null && context != own && !wanted.equals(Locale.ROOT)) {
            try {
                ResourceBundle translated =
                        ResourceBundle.getBundle(BUNDLE, wanted, context, NO_FALLBACK_TO_THE_JVM_LOCALE);
                if (!translated.getLocale().equals(Locale.ROOT)) {
                    return translated;
                }
            } catch (MissingResourceException notThere) {
                // the context loader cannot see the catalogue at all: use this class's own
            }
        }
        return ResourceBundle.getBundle(BUNDLE, wanted, own, NO_FALLBACK_TO_THE_JVM_LOCALE);
    }

    private static String render(Locale locale, String key, Object... args) {
        String template;
        try {
            template = template(locale, key);
        } catch (MissingResourceException e) {
            // a code without a text is a defect MessageCatalogueTest catches; never fail the caller for it
            return key;
        }
        return fill(template, BitbucketCloud.messageFacts(), localized(locale, args));
    }

    private static Object[] localized(Locale locale, Object... args) {
        Object[] out = args.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] instanceof Fragment fragment) {
                out[i] = fragment.render(locale);
            }
        }
        return out;
    }

    /**
     * Fills a template in one pass: {@code {n}} takes the n-th argument, {@code {name}} a fact; anything else stays as
     * it is. An argument's own text is never scanned again, so an argument can never pull in a fact or another one.
     */
    static String fill(String template, Map<String, String> facts, Object... args) {
        StringBuilder out = new StringBuilder(template.length() + 32);
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            int close = c == '{' ? template.indexOf('}', i + 1) : -1;
            if (close < 0) {
                out.append(c);
                i++;
                continue;
            }
            String name = template.substring(i + 1, close);
            String value = placeholder(name, facts, args);
            if (value == null) {
                out.append(c);
                i++;
            } else {
                out.append(value);
                i = close + 1;
            }
        }
        return out.toString();
    }

    private static String placeholder(String name, Map<String, String> facts, Object... args) {
        if (!name.isEmpty() && name.length() < 3 && name.chars().allMatch(Character::isDigit)) {
            int n = Integer.parseInt(name);
            return n < args.length ? Objects.toString(args[n]) : null;
        }
        return facts.get(name);
    }
}
