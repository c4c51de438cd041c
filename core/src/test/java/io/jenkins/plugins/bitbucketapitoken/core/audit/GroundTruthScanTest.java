package io.jenkins.plugins.bitbucketapitoken.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bitbucketapitoken.core.audit.testing.GroundTruthHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GroundTruthScanTest {

    private static final LocalDate AS_OF = LocalDate.of(2026, 8, 1);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 20260728})
    void shouldFindExactlyTheJobsThatUseAnAppPasswordNoMissNoExtra(long seed) {
        // given: a home whose answer was decided while writing it
        GroundTruthHome truth = GroundTruthHome.generate(dir, 400, seed);

        // when
        AuditReport report = JenkinsHomeScanner.withDefaults().scan(dir, AS_OF);

        // then
        assertThat(truth.affectedWithoutDigit())
                .as("the hard case is in the home")
                .isNotEmpty();
        assertThat(report.jobsUsingAppPasswords()).containsExactlyElementsOf(truth.affected());
        assertThat(report.answer()).isEqualTo(AuditReport.Answer.YES);
        assertThat(report.credentials())
                .filteredOn(c -> c.credential().id().equals("bb-old-letters")
                        && c.credential().store().equals(StoreRef.system()))
                .singleElement()
                .satisfies(c -> assertThat(c.credential().kind())
                        .as("20 letters without a digit, used with Bitbucket Cloud")
                        .isEqualTo(CredentialKind.APP_PASSWORD));
        assertThat(report.credentials())
                .filteredOn(c -> Set.of("nexus", "github", "data-center")
                        .contains(c.credential().id()))
                .allSatisfy(c -> assertThat(c.credential().kind()).isEqualTo(CredentialKind.OTHER));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 20260728})
    void shouldListEveryAffectedJobAsPossiblyAffectedWithoutSecretsAndClearWhatTheFilesProve(long seed)
            throws IOException {
        // given
        GroundTruthHome truth = GroundTruthHome.generate(dir, 400, seed);
        Files.delete(dir.resolve("secrets/master.key"));

        // when
        AuditReport report = JenkinsHomeScanner.withDefaults().scan(dir, AS_OF);

        // then: no affected job is missed; the only others are bindings of a password the files cannot clear
        Set<String> mayBe = new HashSet<>(truth.affected());
        mayBe.addAll(truth.undecidableWithoutSecrets());
        assertThat(report.jobsUsingAppPasswords()).isEmpty();
        assertThat(report.jobsPossiblyUsingAppPasswords())
                .containsAll(truth.affected())
                .allMatch(mayBe::contains);
        assertThat(report.answer()).isEqualTo(AuditReport.Answer.POSSIBLY);
    }
}
