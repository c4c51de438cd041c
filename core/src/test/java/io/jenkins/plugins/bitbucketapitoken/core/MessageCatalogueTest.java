package io.jenkins.plugins.bitbucketapitoken.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MessageCatalogueTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)\\}");

    private static Properties english() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Message.class.getResourceAsStream("Messages.properties")) {
            assertThat(in).as("Messages.properties beside Message").isNotNull();
            properties.load(in);
        }
        return properties;
    }

    private static List<String> placeholders(String template) {
        List<String> names = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @ParameterizedTest
    @EnumSource(Message.class)
    void shouldGiveEveryCodeATextAndAnActionThatUseExactlyItsArguments(Message code) throws IOException {
        Properties english = english();
        String text = english.getProperty(code + ".text");
        String action = english.getProperty(code + ".action");

        assertThat(text).as(code + ".text").isNotBlank();
        assertThat(action).as(code + ".action (empty when nothing needs doing)").isNotNull();
        List<String> used = placeholders(text + action);
        Set<String> arguments =
                IntStream.range(0, code.arguments()).mapToObj(String::valueOf).collect(Collectors.toSet());
        assertThat(used).as("every argument of " + code + " is used").containsAll(arguments);
        assertThat(used)
                .as("every placeholder of " + code + " is an argument or a fact")
                .allMatch(name -> arguments.contains(name)
                        || BitbucketCloud.messageFacts().containsKey(name));
    }

    @Test
    void shouldHaveNoLineThatNoCodeUses() throws IOException {
        Set<String> keys = Arrays.stream(Message.values())
                .flatMap(code -> java.util.stream.Stream.of(code + ".text", code + ".action"))
                .collect(Collectors.toSet());

        assertThat(english().stringPropertyNames()).allMatch(keys::contains, "a key of a Message code");
    }

    @Test
    void shouldFillFactsFromBitbucketCloudSoATranslationCannotCarryAStaleDate() {
        String text = Message.APP_PASSWORD.text("ATBB...");

        assertThat(Message.template(Locale.ROOT, "APP_PASSWORD.text")).contains("{appPasswordsRemoved}");
        assertThat(text)
                .contains(BitbucketCloud.APP_PASSWORDS_REMOVED.toString())
                .doesNotContain("{");
    }

    @Test
    void shouldNeverScanAnArgumentForPlaceholders() {
        String text = Message.EMAIL_INVALID.text("{appPasswordsRemoved}{1}");

        assertThat(text).startsWith("{appPasswordsRemoved}{1} does not look like an e-mail address.");
    }

    @ParameterizedTest
    @EnumSource(Message.class)
    void shouldRenderEveryMessageInAnotherLocaleThroughTheBundle(Message code) {
        Object[] args =
                IntStream.range(0, code.arguments()).mapToObj(i -> "arg" + i).toArray();

        Problem problem = code.problem(args);
        String pseudo = problem.message(Messages_eo.LOCALE);

        assertThat(pseudo).startsWith("[").endsWith("]").doesNotContain("{");
        assertThat(pseudo).isEqualTo("[" + problem.message() + "]");
        assertThat(problem.action(Messages_eo.LOCALE))
                .isEqualTo(problem.action().isEmpty() ? "" : "[" + problem.action() + "]");
        assertThat(problem.describe(Locale.ROOT)).isEqualTo(problem.describe());
    }

    @Test
    void shouldFallBackToEnglishForALanguageWithoutTranslationWhateverTheJvmsLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Messages_eo.LOCALE);

            assertThat(Message.SECRET_EMPTY.text(Locale.GERMAN)).isEqualTo("No secret was given.");
            assertThat(Message.SECRET_EMPTY.text()).isEqualTo("No secret was given.");
        } finally {
            Locale.setDefault(before);
        }
    }
}
