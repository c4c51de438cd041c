package io.jenkins.plugins.bitbucketapitoken.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bitbucketapitoken.core.audit.testing.SyntheticJenkinsHome;
import io.jenkins.plugins.bitbucketapitoken.core.testing.TestSecrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JenkinsSecretDecryptorTest {

    @TempDir
    Path dir;

    @Test
    void shouldDecryptTheCurrentFormatTheOlderFormatAndPlainText() {
        SyntheticJenkinsHome home = SyntheticJenkinsHome.at(dir, 3);
        SecretDecryptor decryptor = JenkinsSecretDecryptor.load(dir).orElseThrow();
        String secret = TestSecrets.appPassword(3);

        assertThat(decryptor.plainText(home.encrypt(secret))).contains(secret);
        assertThat(decryptor.plainText(home.encryptLegacy(secret))).contains(secret);
        assertThat(decryptor.plainText("plain-text-password")).contains("plain-text-password");
        assertThat(decryptor.canDecrypt()).isTrue();
        assertThat(decryptor.toString()).doesNotContain(secret);
    }

    @Test
    void shouldNotDecryptWithTheKeysOfAnotherJenkins() {
        String encrypted = SyntheticJenkinsHome.at(dir.resolve("a"), 1).encrypt("x");
        SyntheticJenkinsHome.at(dir.resolve("b"), 2);
        SecretDecryptor other = JenkinsSecretDecryptor.load(dir.resolve("b")).orElseThrow();

        assertThat(other.plainText(encrypted)).isEmpty();
    }

    @Test
    void shouldExplainMissingAndMismatchedKeys() throws IOException {
        assertThat(JenkinsSecretDecryptor.load(dir).error().orElseThrow().message())
                .contains("secrets/master.key is missing");
        SyntheticJenkinsHome.at(dir, 4);
        Files.writeString(dir.resolve("secrets/master.key"), "not the key");
        assertThat(JenkinsSecretDecryptor.load(dir).error().orElseThrow().message())
                .contains("does not belong to secrets/master.key");
    }

    @Test
    void shouldLeaveEncryptedValuesUnknownWithoutKeys() {
        String encrypted = SyntheticJenkinsHome.at(dir, 5).encrypt("x");

        assertThat(SecretDecryptor.unavailable().plainText(encrypted)).isEmpty();
        assertThat(SecretDecryptor.unavailable().plainText("ATBBplain")).contains("ATBBplain");
    }

    @Property(tries = 300)
    void shouldNeverThrowOnAnyStoredValue(@ForAll @StringLength(max = 200) String stored) {
        // Keys in memory: jqwik knows no @TempDir, and a directory per try would stay behind in /tmp.
        SyntheticJenkinsHome.KeyFiles keys = SyntheticJenkinsHome.keyFiles(6);
        SecretDecryptor decryptor = JenkinsSecretDecryptor.fromKeys(keys.masterKey(), keys.hudsonUtilSecret())
                .orElseThrow();

        assertThat(decryptor.plainText(stored)).isNotNull();
        assertThat(decryptor.plainText("{" + stored + "}")).isNotNull();
        assertThat(decryptor.plainText("{AQAAABAAAAAQ" + stored + "}")).isNotNull();
    }

    @Property(tries = 100)
    void shouldNeverThrowOnAnyKeyFiles(@ForAll String masterKey, @ForAll byte[] wrapped) {
        assertThat(JenkinsSecretDecryptor.fromKeys(masterKey, wrapped).isValid())
                .isFalse();
    }
}
