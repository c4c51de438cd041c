package io.jenkins.plugins.bitbucketapitoken.core.monitor.testing;

import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialIndex;
import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialKind;
import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialRecord;
import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialScope;
import io.jenkins.plugins.bitbucketapitoken.core.audit.ItemConfigReader;
import io.jenkins.plugins.bitbucketapitoken.core.audit.ReferenceIndex;
import io.jenkins.plugins.bitbucketapitoken.core.audit.StoreRef;
import io.jenkins.plugins.bitbucketapitoken.core.monitor.AppPasswordSummary;
import io.jenkins.plugins.bitbucketapitoken.core.monitor.UsageLog;
import io.jenkins.plugins.bitbucketapitoken.core.timeline.DeprecationPhase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Measures what the administrative monitor does at startup and on every page view: reading every item's
 * {@code config.xml} into core's {@link ReferenceIndex} (the plugin does the same with
 * {@code item.getConfigFile().asString()} on a background thread), and computing the summary the page renders.
 * The credentials are those {@code SyntheticJenkinsHome} writes. Run by {@code bench/index-benchmark.sh}; not a
 * test.
 */
public final class IndexBenchmark {

    private IndexBenchmark() {}

    /**
     * Runs the benchmark.
     *
     * @param args the Jenkins home to index, and optionally the number of rounds (default 3)
     * @throws IOException when the home cannot be read
     */
    public static void main(String[] args) throws IOException {
        Path jobs = Path.of(args[0]).resolve("jobs");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<Path> configs;
        try (Stream<Path> walk = Files.walk(jobs)) {
            configs = walk.filter(p -> p.getFileName().toString().equals("config.xml"))
                    .filter(p ->
                            !p.getParent().getParent().getFileName().toString().equals("branches"))
                    .toList();
        }
        CredentialIndex credentials = CredentialIndex.of(List.of(
                record("bb-app-password", CredentialKind.APP_PASSWORD),
                record("bb-api-token", CredentialKind.API_TOKEN),
                record("bb-access-token", CredentialKind.ACCESS_TOKEN)));
        for (int round = 1; round <= rounds; round++) {
            ReferenceIndex index = new ReferenceIndex();
            long start = System.nanoTime();
            for (Path config : configs) {
                String fullName = jobs.relativize(config.getParent()).toString().replace("/jobs/", "/");
                ItemConfigReader.read(fullName, Files.readAllBytes(config))
                        .value()
                        .ifPresent(index::put);
            }
            long indexed = System.nanoTime();
            AppPasswordSummary summary =
                    AppPasswordSummary.of(index.items(), credentials, new UsageLog(), DeprecationPhase.REMOVED);
            long summarised = System.nanoTime();
            System.gc();
            long heap =
                    Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
            System.out.printf(
                    "round %d: indexed %d configurations in %d ms; summary (%d items with app passwords) in %d ms;"
                            + " heap after GC %d MB%n",
                    round,
                    index.size(),
                    (indexed - start) / 1_000_000,
                    summary.items().size(),
                    (summarised - indexed) / 1_000_000,
                    heap / (1024 * 1024));
        }
    }

    private static CredentialRecord record(String id, CredentialKind kind) {
        return new CredentialRecord(
                id,
                StoreRef.system(),
                CredentialScope.GLOBAL,
                "UsernamePasswordCredentialsImpl",
                Optional.empty(),
                kind);
    }
}
