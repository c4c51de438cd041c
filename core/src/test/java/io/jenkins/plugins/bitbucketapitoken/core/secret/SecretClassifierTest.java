package io.jenkins.plugins.bitbucketapitoken.core.secret;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.Problem;
import io.jenkins.plugins.bitbucketapitoken.core.testing.TestSecrets;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretClassifierTest {

    static Stream<Arguments> intactSecrets() {
        return Stream.of(
                Arguments.of("API token, 192 characters", TestSecrets.apiToken(1), SecretKind.API_TOKEN),
                Arguments.of("API token, checksum over '='", TestSecrets.apiToken(2, 192, true), SecretKind.API_TOKEN),
                Arguments.of("API token, shorter", TestSecrets.apiToken(3, 120, false), SecretKind.API_TOKEN),
                Arguments.of("API token, longer", TestSecrets.apiToken(4, 260, true), SecretKind.API_TOKEN),
                Arguments.of("access token", TestSecrets.accessToken(5), SecretKind.ACCESS_TOKEN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("intactSecrets")
    void shouldRecogniseIntactTokensWhateverTheirLength(String name, String secret, SecretKind kind) {
        SecretClassification result = SecretClassifier.classify(secret);

        assertThat(result.kind()).isEqualTo(kind);
        assertThat(result.intact()).contains(true);
        assertThat(result.isIntactToken()).isTrue();
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void shouldCallAnAtbbSecretAnAppPasswordAndSayItWasRemoved() {
        SecretClassification result = SecretClassifier.classify(TestSecrets.appPassword(7));

        assertThat(result.kind()).isEqualTo(SecretKind.APP_PASSWORD);
        assertThat(result.intact()).isEmpty();
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(Message.APP_PASSWORD);
            assertThat(p.message()).contains("ATBB", "2026-07-28");
            assertThat(p.action()).contains("read:repository:bitbucket");
        });
    }

    @Test
    void shouldCallTwentyLettersAndDigitsAnOlderAppPassword() {
        SecretClassification result = SecretClassifier.classify(TestSecrets.oldAppPassword(8));

        assertThat(result.kind()).isEqualTo(SecretKind.APP_PASSWORD);
        assertThat(result.problems()).extracting(Problem::code).containsExactly(Message.APP_PASSWORD);
        assertThat(result.problems().get(0).message()).contains("older form");
    }

    @Test
    void shouldReportATruncatedApiTokenAsDamaged() {
        String token = TestSecrets.apiToken(9);

        SecretClassification result = SecretClassifier.classify(token.substring(0, 150));

        assertThat(result.kind()).isEqualTo(SecretKind.API_TOKEN);
        assertThat(result.intact()).contains(false);
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(Message.API_TOKEN_DAMAGED);
            assertThat(p.message()).contains("cut short");
        });
    }

    @Test
    void shouldReportAMistypedCharacterAsAChecksumMismatch() {
        String token = TestSecrets.apiToken(10);
        char replaced = token.charAt(40) == 'a' ? 'b' : 'a';
        String mistyped = token.substring(0, 40) + replaced + token.substring(41);

        SecretClassification result = SecretClassifier.classify(mistyped);

        assertThat(result.intact()).contains(false);
        assertThat(result.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("checksum"));
    }

    @Test
    void shouldReportCharactersATokenNeverHas() {
        String token = TestSecrets.accessToken(11);
        String smartQuoted = token.substring(0, 30) + "\u2019" + token.substring(31);

        SecretClassification result = SecretClassifier.classify(smartQuoted);

        assertThat(result.kind()).isEqualTo(SecretKind.ACCESS_TOKEN);
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(Message.ACCESS_TOKEN_DAMAGED);
            assertThat(p.message()).contains("characters a token never has");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n%s\n", "  %s", "%s\r\n", "%s \t", "\u00A0%s", "\uFEFF%s"})
    void shouldIgnoreButReportWhitespaceAroundAToken(String padding) {
        SecretClassification result = SecretClassifier.classify(padding.formatted(TestSecrets.apiToken(12)));

        assertThat(result.kind()).isEqualTo(SecretKind.API_TOKEN);
        assertThat(result.intact()).contains(true);
        assertThat(result.strayWhitespace()).isTrue();
        assertThat(result.hasErrors()).isFalse();
        assertThat(result.problems()).extracting(Problem::code).containsExactly(Message.SECRET_WHITESPACE);
    }

    @Test
    void shouldSayWhenATokenWasSplitOverLines() {
        String token = TestSecrets.apiToken(13);
        String wrapped = token.substring(0, 76) + "\n" + token.substring(76, 152) + "\n" + token.substring(152);

        SecretClassification result = SecretClassifier.classify(wrapped);

        assertThat(result.intact()).contains(true);
        assertThat(result.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("line breaks"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\n"})
    void shouldCallAnEmptySecretUnknownAndSaySo(String empty) {
        SecretClassification result = SecretClassifier.classify(empty);

        assertThat(result.kind()).isEqualTo(SecretKind.UNKNOWN);
        assertThat(result.problems()).extracting(Problem::code).contains(Message.SECRET_EMPTY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hunter2", "jane@example.com", "ghp_abcdefghijklmnopqrstuvwxyz0123456789", "correct horse"})
    void shouldCallOtherSecretsUnknown(String secret) {
        SecretClassification result = SecretClassifier.classify(secret);

        assertThat(result.kind()).isEqualTo(SecretKind.UNKNOWN);
        assertThat(result.intact()).isEmpty();
        assertThat(result.problems()).extracting(Problem::code).contains(Message.UNKNOWN_SHAPE);
    }

    @Test
    void shouldNeverRequireAFixedLength() {
        assertThat(SecretClassifier.classify(TestSecrets.apiToken(14, 30, false))
                        .intact())
                .contains(true);
        assertThat(SecretClassifier.classify(TestSecrets.apiToken(15, 1000, false))
                        .intact())
                .contains(true);
    }

    @Test
    void shouldWriteChecksumsAsEightUppercaseHexDigits() {
        assertThat(SecretClassifier.crc32Hex("")).isEqualTo("00000000");
        assertThat(SecretClassifier.crc32Hex("The quick brown fox jumps over the lazy dog"))
                .isEqualTo("414FA339");
    }

    @Property(tries = 2000)
    void shouldNeverThrowWhateverTheInput(@ForAll("anything") String input) {
        SecretClassification result = SecretClassifier.classify(input);

        assertThat(result).isNotNull();
        assertThat(result.kind()).isNotNull();
        assertThat(result.problems()).isNotEmpty().allSatisfy(p -> assertThat(p.message())
                .isNotBlank());
    }

    @Property(tries = 500)
    void shouldFindEverySingleCharacterChangeInAToken(
            @ForAll @IntRange(min = 0, max = 10_000) int seed,
            @ForAll @IntRange(min = 12, max = 191) int position,
            @ForAll("tokenCharacters") char replacement) {
        String token = TestSecrets.apiToken(seed);
        Optional<String> changed = token.charAt(position) == replacement
                ? Optional.empty()
                : Optional.of(token.substring(0, position) + replacement + token.substring(position + 1));

        changed.ifPresent(c -> assertThat(SecretClassifier.classify(c).intact()).contains(false));
    }

    @Property(tries = 300)
    void shouldFindEveryTruncation(
            @ForAll @IntRange(min = 0, max = 10_000) int seed, @ForAll @IntRange(min = 1, max = 191) int keep) {
        String token = TestSecrets.apiToken(seed);

        SecretClassification result = SecretClassifier.classify(token.substring(0, keep));

        assertThat(result.isIntactToken()).isFalse();
    }

    @Provide
    Arbitrary<String> anything() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(400),
                Arbitraries.strings().all().ofMaxLength(50),
                Arbitraries.of("ATATT3xFfGF0", "ATCTT3xFfGN0", "ATBB", "=").flatMap(prefix -> Arbitraries.strings()
                        .withChars("ABCDEF0123456789=-_ \n")
                        .ofMaxLength(220)
                        .map(rest -> prefix + rest)));
    }

    @Provide
    Arbitrary<Character> tokenCharacters() {
        return Arbitraries.chars().with("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=\u00e9\"");
    }
}
