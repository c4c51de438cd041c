package io.jenkins.plugins.bitbucketapitoken.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.Problem;
import io.jenkins.plugins.bitbucketapitoken.core.Validated;
import io.jenkins.plugins.bitbucketapitoken.core.audit.testing.SyntheticJenkinsHome;
import io.jenkins.plugins.bitbucketapitoken.core.audit.testing.SyntheticJenkinsHome.Cred;
import io.jenkins.plugins.bitbucketapitoken.core.testing.TestSecrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsStoreReaderTest {

    @TempDir
    Path dir;

    @Test
    void shouldReadEveryDomainAndNeverKeepTheSecret() throws IOException {
        SyntheticJenkinsHome home = SyntheticJenkinsHome.at(dir, 8)
                .systemCredentials(
                        List.of(
                                Cred.usernamePassword("app", "jane", TestSecrets.appPassword(8)),
                                Cred.usernamePassword("hidden", "secret-user", TestSecrets.apiToken(8))
                                        .hiddenUsername(),
                                Cred.sshKey("ssh", "git")),
                        List.of(Cred.secretText("token", TestSecrets.accessToken(8))));
        SecretDecryptor decryptor = JenkinsSecretDecryptor.load(dir).orElseThrow();

        List<CredentialRecord> records = CredentialsStoreReader.read(
                        StoreRef.system(), Files.readAllBytes(home.home().resolve("credentials.xml")), decryptor)
                .orElseThrow();

        assertThat(records)
                .extracting(CredentialRecord::id, CredentialRecord::kind, CredentialRecord::username)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("app", CredentialKind.APP_PASSWORD, Optional.of("jane")),
                        org.assertj.core.groups.Tuple.tuple("hidden", CredentialKind.API_TOKEN, Optional.empty()),
                        org.assertj.core.groups.Tuple.tuple("ssh", CredentialKind.OTHER, Optional.of("git")),
                        org.assertj.core.groups.Tuple.tuple("token", CredentialKind.ACCESS_TOKEN, Optional.empty()));
        assertThat(records.toString())
                .doesNotContain(TestSecrets.appPassword(8))
                .doesNotContain("secret-user")
                .doesNotContain(TestSecrets.apiToken(8));
    }

    @Test
    void shouldClassifyWithoutKeysOnlyWhatIsNotEncrypted() {
        String xml = "<com.cloudbees.plugins.credentials.SystemCredentialsProvider><domainCredentialsMap><entry>"
                + "<com.cloudbees.plugins.credentials.domains.Domain><specifications/></com.cloudbees.plugins.credentials.domains.Domain>"
                + "<list><com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl><id>plain</id>"
                + "<username>u</username><password>" + TestSecrets.appPassword(9) + "</password>"
                + "</com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl>"
                + "<com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl><id>encrypted</id>"
                + "<password>{AQAAABAAAAAQabcdefghijklmnopqrstuvwx}</password>"
                + "</com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl></list></entry>"
                + "</domainCredentialsMap></com.cloudbees.plugins.credentials.SystemCredentialsProvider>";

        List<CredentialRecord> records = CredentialsStoreReader.read(
                        StoreRef.system(), xml, SecretDecryptor.unavailable())
                .orElseThrow();

        assertThat(records)
                .extracting(CredentialRecord::kind)
                .containsExactly(CredentialKind.APP_PASSWORD, CredentialKind.UNKNOWN);
    }

    @Test
    void shouldReadEveryCredentialOfAStoreThatHoldsOneLatin1Byte() {
        // given: 184 bytes, one of them a Latin-1 e-acute in a description
        byte[] head = "<x><domainCredentialsMap><entry><d/><l><c><id>bb</id><description>caf"
                .getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("</description><password>ATBBabcdefghijklmnopqrstuvwxyz012345</password></c></l></entry>"
                        + "</domainCredentialsMap></x>")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] xml = Arrays.copyOf(head, head.length + 1 + tail.length);
        xml[head.length] = (byte) 0xE9;
        System.arraycopy(tail, 0, xml, head.length + 1, tail.length);

        // when
        Validated<List<CredentialRecord>> read =
                CredentialsStoreReader.read(StoreRef.system(), xml, SecretDecryptor.unavailable());

        // then
        assertThat(xml).hasSize(184);
        assertThat(read.orElseThrow())
                .extracting(CredentialRecord::id, CredentialRecord::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("bb", CredentialKind.APP_PASSWORD));
        assertThat(read.problems()).extracting(Problem::code).containsExactly(Message.AUDIT_NOT_UTF8);
    }

    @Property(tries = 40)
    void shouldReadTheSameCredentialsWhicheverParserReadsTheStore(
            @ForAll @IntRange(min = 60_000, max = 140_000) int length,
            @ForAll @IntRange(min = 0, max = 140_000) int oddOneAt) {
        // given: a secret far longer than any token, with one character no app password has somewhere in it
        StringBuilder secret = new StringBuilder("ATBB").append("a".repeat(length));
        secret.setCharAt(Math.min(oddOneAt, secret.length() - 1), '!');
        String xml = "<x><domainCredentialsMap><entry><d/><l><c><id>long</id><username>jane</username><password>"
                + secret + "</password></c></l></entry></domainCredentialsMap></x>";
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);

        // when
        List<CredentialRecord> lean = CredentialsStoreReader.read(
                        StoreRef.system(), bytes, SecretDecryptor.unavailable(), SecureXml.Parsers.LEAN_THEN_SAX)
                .orElseThrow();
        List<CredentialRecord> sax = CredentialsStoreReader.read(
                        StoreRef.system(), bytes, SecretDecryptor.unavailable(), SecureXml.Parsers.SAX_ONLY)
                .orElseThrow();

        // then: one rule whoever read it, and no app password is that long
        assertThat(lean).isEqualTo(sax);
        if (secret.length() > CredentialsStoreReader.MAX_FIELD) {
            assertThat(lean).singleElement().satisfies(c -> assertThat(c.kind()).isEqualTo(CredentialKind.OTHER));
        }
    }

    @Property(tries = 200)
    void shouldNeverThrowOnAnyBytes(@ForAll byte[] bytes) {
        assertThat(CredentialsStoreReader.read(StoreRef.system(), bytes, SecretDecryptor.unavailable()))
                .isNotNull();
        assertThat(CredentialsStoreReader.userId(bytes)).isNotNull();
    }
}
