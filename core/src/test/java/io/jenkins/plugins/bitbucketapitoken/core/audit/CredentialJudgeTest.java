package io.jenkins.plugins.bitbucketapitoken.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bitbucketapitoken.core.audit.testing.SyntheticJenkinsHome;
import io.jenkins.plugins.bitbucketapitoken.core.testing.TestSecrets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CredentialJudgeTest {

    private static final String USERNAME_PASSWORD = SyntheticJenkinsHome.USERNAME_PASSWORD;

    /** Keys in memory, shared: the same for every case, as a Jenkins home has one pair. */
    private static final SyntheticJenkinsHome.KeyFiles KEYS = SyntheticJenkinsHome.keyFiles(31);

    private static final SecretDecryptor WITH_KEYS = JenkinsSecretDecryptor.fromKeys(
                    KEYS.masterKey(), KEYS.hudsonUtilSecret())
            .orElseThrow();

    @TempDir
    Path dir;

    private static CredentialJudge.Facts facts(String username, String stored) {
        return new CredentialJudge.Facts(
                USERNAME_PASSWORD, Optional.ofNullable(username), false, Optional.of(stored), false, false);
    }

    static Stream<Arguments> readableSecrets() {
        return Stream.of(
                Arguments.of(
                        "ATBB whatever the username", "x@y.org", TestSecrets.appPassword(1), "APP_PASSWORD", "NONE"),
                Arguments.of("API token", "jane", TestSecrets.apiToken(1), "API_TOKEN", "NONE"),
                Arguments.of(
                        "letters and digits, plain username",
                        "jane",
                        "abcDEF123ghiJKL456mn",
                        "APP_PASSWORD",
                        "USE_ELSEWHERE_REFUTES"),
                Arguments.of(
                        "letters and digits, no username",
                        null,
                        "abcDEF123ghiJKL456mn",
                        "APP_PASSWORD",
                        "USE_ELSEWHERE_REFUTES"),
                Arguments.of("letters and digits, e-mail", "jane@example.com", "abcDEF123ghiJKL456mn", "OTHER", "NONE"),
                Arguments.of(
                        "letters and digits, API token name",
                        "x-bitbucket-api-token-auth",
                        "abcDEF123ghiJKL456mn",
                        "OTHER",
                        "NONE"),
                Arguments.of(
                        "letters and digits, access token name",
                        "x-token-auth",
                        "abcDEF123ghiJKL456mn",
                        "OTHER",
                        "NONE"),
                Arguments.of(
                        "letters only, plain username", "jane", "abcdefghijKLMNOPQRST", "OTHER", "CLOUD_USE_CONFIRMS"),
                Arguments.of("letters only, e-mail", "jane@example.com", "abcdefghijKLMNOPQRST", "OTHER", "NONE"),
                Arguments.of("a plain password", "jane", "hunter2", "OTHER", "NONE"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readableSecrets")
    void shouldJudgeAReadableSecretByItsShapeAndItsUsername(
            String name, String username, String secret, String kind, String useDependence) {
        // given
        SyntheticJenkinsHome home = SyntheticJenkinsHome.at(dir, 31);

        // when
        CredentialJudge.Judgement judgement = CredentialJudge.judge(facts(username, home.encrypt(secret)), WITH_KEYS);

        // then
        assertThat(judgement.kind()).isEqualTo(CredentialKind.valueOf(kind));
        assertThat(judgement.useDependence()).isEqualTo(UseDependence.valueOf(useDependence));
        assertThat(judgement.evidence()).isNotEmpty().noneMatch(e -> e.contains(secret));
    }

    @Test
    void shouldLetLiveCredentialsWeighTheirUsernameToo() {
        assertThat(CredentialKind.classify(USERNAME_PASSWORD, Optional.of("abcDEF123ghiJKL456mn"), Optional.of("jane")))
                .isEqualTo(CredentialKind.APP_PASSWORD);
        assertThat(CredentialKind.classify(
                        USERNAME_PASSWORD, Optional.of("abcDEF123ghiJKL456mn"), Optional.of("jane@example.com")))
                .isEqualTo(CredentialKind.OTHER);
        assertThat(CredentialKind.classify(USERNAME_PASSWORD, Optional.of("abcdefghijKLMNOPQRST"), Optional.of("jane")))
                .isEqualTo(CredentialKind.OTHER);
        assertThat(CredentialKind.classify(
                        USERNAME_PASSWORD, Optional.of(TestSecrets.appPassword(2)), Optional.empty()))
                .isEqualTo(CredentialKind.APP_PASSWORD);
        assertThat(CredentialKind.classify(USERNAME_PASSWORD, Optional.empty(), Optional.of("jane")))
                .isEqualTo(CredentialKind.UNKNOWN);
    }

    @Test
    void shouldTakeTwentyLettersInADomainForBitbucketOrgForAnAppPassword() {
        CredentialJudge.Facts facts = new CredentialJudge.Facts(
                USERNAME_PASSWORD, Optional.of("jane"), false, Optional.of("abcdefghijKLMNOPQRST"), false, true);

        CredentialJudge.Judgement judgement = CredentialJudge.judge(facts, SecretDecryptor.unavailable());

        assertThat(judgement.kind()).isEqualTo(CredentialKind.APP_PASSWORD);
        assertThat(judgement.evidence()).contains("it is in a credentials domain for bitbucket.org");
    }

    static Stream<Arguments> unreadableSecrets() {
        return Stream.of(
                Arguments.of("36 characters, current form", "jane", 36, false, "UNKNOWN"),
                Arguments.of("20 characters, current form", "jane", 20, false, "UNKNOWN"),
                Arguments.of("192 characters, current form", "jane", 192, false, "OTHER"),
                Arguments.of("48 characters, current form", "jane", 48, false, "OTHER"),
                Arguments.of("36 characters, older form", "jane", 36, true, "UNKNOWN"),
                Arguments.of("20 characters, older form", "jane", 20, true, "UNKNOWN"),
                Arguments.of("80 characters, older form", "jane", 80, true, "OTHER"),
                Arguments.of("36 characters, e-mail username", "jane@example.com", 36, false, "OTHER"),
                Arguments.of("36 characters, API token username", "x-bitbucket-api-token-auth", 36, false, "OTHER"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableSecrets")
    void shouldJudgeAnUnreadableSecretByItsUsernameAndTheLengthItsCipherTextAllows(
            String name, String username, int length, boolean olderForm, String kind) {
        // given
        SyntheticJenkinsHome home = SyntheticJenkinsHome.at(dir, 32);
        String secret = "a".repeat(length);
        String stored = olderForm ? home.encryptLegacy(secret) : home.encrypt(secret);

        // when
        CredentialJudge.Judgement judgement =
                CredentialJudge.judge(facts(username, stored), SecretDecryptor.unavailable());

        // then
        assertThat(judgement.kind()).isEqualTo(CredentialKind.valueOf(kind));
        assertThat(judgement.evidence()).isNotEmpty().noneMatch(e -> e.contains(stored));
    }

    @Test
    void shouldCallASecretLongerThanAnyTokenNoAppPasswordWhateverItsShape() {
        CredentialJudge.Facts facts = new CredentialJudge.Facts(
                USERNAME_PASSWORD, Optional.of("jane"), false, Optional.of("ATBB" + "a".repeat(100)), true, true);

        CredentialJudge.Judgement judgement = CredentialJudge.judge(facts, SecretDecryptor.unavailable());

        assertThat(judgement.kind()).isEqualTo(CredentialKind.OTHER);
        assertThat(judgement.evidence()).singleElement().satisfies(e -> assertThat(e)
                .contains("longer than 65536 characters"));
    }

    @Test
    void shouldCallTypesWithoutAPasswordOrTokenOtherEvenWithoutKeys() {
        CredentialJudge.Facts facts = new CredentialJudge.Facts(
                "com.cloudbees.plugins.credentials.impl.CertificateCredentialsImpl",
                Optional.empty(),
                false,
                Optional.of("{AQAAABAAAAAQ" + "A".repeat(40) + "}"),
                false,
                false);

        assertThat(CredentialJudge.judge(facts, SecretDecryptor.unavailable()).kind())
                .isEqualTo(CredentialKind.OTHER);
    }

    @Property(tries = 200)
    void shouldBoundThePlainLengthOfAnyEncryptedValueFromItsLengthAlone(
            @ForAll @StringLength(max = 300) String secret, @ForAll @IntRange(min = 0, max = 1) int form) {
        // given
        // (jqwik knows no @TempDir: the secret is encrypted here, as Jenkins does, with keys held in memory)
        String stored = form == 0 ? encrypt(secret, KEYS) : encryptLegacy(secret, KEYS);
        int bytes = secret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;

        // when
        Optional<JenkinsSecretDecryptor.PlainLength> length = form == 0
                ? JenkinsSecretDecryptor.plainLengthOfCurrentForm(stored)
                : JenkinsSecretDecryptor.plainLengthOfOlderForm(stored);

        // then
        assertThat(length).hasValueSatisfying(l -> assertThat(l.fits(bytes)).isTrue());
        assertThat(length.orElseThrow().max() - length.orElseThrow().min()).isBetween(0, 15);
    }

    private static String encrypt(String secret, SyntheticJenkinsHome.KeyFiles keys) {
        try {
            javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance("AES/CBC/PKCS5Padding");
            byte[] iv = new byte[16];
            cipher.init(javax.crypto.Cipher.ENCRYPT_MODE, keys.secretKey(), new javax.crypto.spec.IvParameterSpec(iv));
            byte[] data = cipher.doFinal(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            java.nio.ByteBuffer payload = java.nio.ByteBuffer.allocate(9 + 16 + data.length);
            payload.put((byte) 1).putInt(16).putInt(data.length).put(iv).put(data);
            return "{" + java.util.Base64.getEncoder().encodeToString(payload.array()) + "}";
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encryptLegacy(String secret, SyntheticJenkinsHome.KeyFiles keys) {
        try {
            javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance("AES/ECB/PKCS5Padding");
            cipher.init(javax.crypto.Cipher.ENCRYPT_MODE, keys.secretKey());
            return java.util.Base64.getEncoder()
                    .encodeToString(cipher.doFinal(
                            (secret + "::::MAGIC::::").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
