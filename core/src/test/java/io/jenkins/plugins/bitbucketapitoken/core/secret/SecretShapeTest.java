package io.jenkins.plugins.bitbucketapitoken.core.secret;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bitbucketapitoken.core.testing.TestSecrets;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SecretShapeTest {

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of(TestSecrets.apiToken(1), SecretShape.API_TOKEN),
                Arguments.of(TestSecrets.accessToken(1), SecretShape.ACCESS_TOKEN),
                Arguments.of(TestSecrets.appPassword(1), SecretShape.APP_PASSWORD),
                Arguments.of("ATBBcut", SecretShape.APP_PASSWORD),
                Arguments.of(TestSecrets.oldAppPassword(1), SecretShape.TWENTY_LETTERS_AND_DIGITS),
                Arguments.of("abcdefghijKLMNOPQRST", SecretShape.TWENTY_LETTERS),
                Arguments.of(" abcdefghijKLMNOPQRST\n", SecretShape.TWENTY_LETTERS),
                Arguments.of("12345678901234567890", SecretShape.OTHER),
                Arguments.of("abcdefghijKLMNOPQRS", SecretShape.OTHER),
                Arguments.of("abcdefghijKLMNOPQRSTU", SecretShape.OTHER),
                Arguments.of("abcdefghij-LMNOPQRST", SecretShape.OTHER),
                Arguments.of("abcdéfghijKLMNOPQRST", SecretShape.OTHER),
                Arguments.of("hunter2", SecretShape.OTHER),
                Arguments.of(" \n", SecretShape.EMPTY));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("shapes")
    void shouldTellTheShapeOfASecretFromItsCharactersAlone(String secret, SecretShape shape) {
        assertThat(SecretShape.of(secret)).isEqualTo(shape);
    }

    @Property(tries = 300)
    void shouldLeaveTwentyLettersWithoutADigitUnknownWithoutContext(
            @ForAll @AlphaChars @StringLength(20) String letters) {
        // when
        SecretClassification classification = SecretClassifier.classify(letters);

        // then: as before, a plain word is not called an app password; the audit weighs context for it
        assertThat(SecretShape.of(letters)).isEqualTo(SecretShape.TWENTY_LETTERS);
        assertThat(classification.kind()).isEqualTo(SecretKind.UNKNOWN);
    }

    @Property(tries = 300)
    void shouldCallTwentyLettersAndDigitsAnAppPasswordWithoutContextAsBefore(
            @ForAll @AlphaChars @StringLength(10) String letters,
            @ForAll @NumericChars @StringLength(10) String digits) {
        // given
        String secret = letters.substring(0, 5) + digits + letters.substring(5);

        // when
        SecretClassification classification = SecretClassifier.classify(secret);

        // then
        assertThat(SecretShape.of(secret)).isEqualTo(SecretShape.TWENTY_LETTERS_AND_DIGITS);
        assertThat(classification.kind()).isEqualTo(SecretKind.APP_PASSWORD);
    }
}
