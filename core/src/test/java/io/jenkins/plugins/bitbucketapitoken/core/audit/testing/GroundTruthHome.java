package io.jenkins.plugins.bitbucketapitoken.core.audit.testing;

import io.jenkins.plugins.bitbucketapitoken.core.audit.AuditReport;
import io.jenkins.plugins.bitbucketapitoken.core.audit.JenkinsHomeScanner;
import io.jenkins.plugins.bitbucketapitoken.core.audit.testing.SyntheticJenkinsHome.Cred;
import io.jenkins.plugins.bitbucketapitoken.core.testing.TestSecrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes a Jenkins home whose answer is known: which jobs use an app password, decided while writing, by
 * Jenkins' own resolution (the folder's store first, then the system store), independently of the scanner.
 *
 * <p>The mix is the hard one: newer app passwords ({@code ATBB}), older ones of 20 random letters and digits (so
 * that about one in 30 has no digit, and some are forced to have none), API tokens with the fixed name and with a
 * plain username, access tokens, plain passwords of the same 20-letter shape used only with Nexus, GitHub and a
 * Bitbucket Data Center server, SSH keys, and folders whose own stores shadow global ids both ways. Jobs are
 * freestyle Git jobs, Pipeline scripts, Pipelines from SCM, credential bindings (calling Bitbucket's REST API, or
 * Nexus) and multibranch projects. Deterministic for a seed.
 */
public final class GroundTruthHome {

    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final List<String> GLOBAL_BITBUCKET_IDS = List.of(
            "bb-app-password",
            "bb-old-app-password",
            "bb-old-letters",
            "bb-api-token",
            "bb-api-token-user",
            "bb-access-token",
            "bb-access-token-x");

    private final SyntheticJenkinsHome home;
    private final Set<String> affected;
    private final Set<String> undecidableWithoutSecrets;
    private final Set<String> affectedWithoutDigit;
    private final int jobs;

    private GroundTruthHome(
            SyntheticJenkinsHome home,
            Set<String> affected,
            Set<String> undecidableWithoutSecrets,
            Set<String> affectedWithoutDigit,
            int jobs) {
        this.home = home;
        this.affected = affected;
        this.undecidableWithoutSecrets = undecidableWithoutSecrets;
        this.affectedWithoutDigit = affectedWithoutDigit;
        this.jobs = jobs;
    }

    /** Returns the affected items whose app password is 20 letters without a digit: the hardest to recognise. */
    public Set<String> affectedWithoutDigit() {
        return new TreeSet<>(affectedWithoutDigit);
    }

    /** Returns the home's writer. */
    public SyntheticJenkinsHome home() {
        return home;
    }

    /** Returns the full names of the items that use an app password, as Jenkins resolves their credentials. */
    public Set<String> affected() {
        return new TreeSet<>(affected);
    }

    /**
     * Returns the items that use no app password but whose files cannot prove it without the secrets: a plain
     * password of an app password's length, bound for a Nexus upload (a binding names no host).
     */
    public Set<String> undecidableWithoutSecrets() {
        return new TreeSet<>(undecidableWithoutSecrets);
    }

    /** Returns how many items were written. */
    public int jobs() {
        return jobs;
    }

    /** What a credential id holds in one store, for the expected answer. */
    private record Holds(boolean appPassword, boolean withoutDigit) {}

    /**
     * Writes a home.
     *
     * @param dir the directory
     * @param jobs how many jobs
     * @param seed makes the home repeatable
     * @return the home and its answer
     */
    public static GroundTruthHome generate(Path dir, int jobs, long seed) {
        Random random = new Random(seed);
        SyntheticJenkinsHome home = SyntheticJenkinsHome.at(dir, seed);
        Map<String, Holds> global = new LinkedHashMap<>();
        List<Cred> globalCreds = new ArrayList<>();
        add(globalCreds, global, Cred.usernamePassword("bb-app-password", "jane-doe", TestSecrets.appPassword(seed)));
        add(globalCreds, global, Cred.usernamePassword("bb-old-app-password", "jane-doe", olderAppPassword(random)));
        add(globalCreds, global, Cred.usernamePassword("bb-old-letters", "build-bot", random(LETTERS, 20, random)));
        add(
                globalCreds,
                global,
                Cred.usernamePassword("bb-api-token", "x-bitbucket-api-token-auth", TestSecrets.apiToken(seed)));
        add(
                globalCreds,
                global,
                Cred.usernamePassword("bb-api-token-user", "jane-doe", TestSecrets.apiToken(seed + 1)));
        add(globalCreds, global, Cred.secretText("bb-access-token", TestSecrets.accessToken(seed)));
        add(
                globalCreds,
                global,
                Cred.usernamePassword("bb-access-token-x", "x-token-auth", TestSecrets.accessToken(seed + 1)));
        add(globalCreds, global, Cred.usernamePassword("nexus", "deploy", random(LETTERS, 20, random)));
        add(globalCreds, global, Cred.usernamePassword("github", "jenkins-bot", olderAppPassword(random)));
        add(globalCreds, global, Cred.usernamePassword("data-center", "jane", random(ALPHANUMERIC, 36, random)));
        add(globalCreds, global, Cred.sshKey("deploy-key", "git"));
        home.systemCredentials(globalCreds, List.of());

        Set<String> affected = new HashSet<>();
        Set<String> undecidable = new HashSet<>();
        Set<String> withoutDigit = new HashSet<>();
        int perFolder = 100;
        Map<String, Holds> folderStore = new HashMap<>();
        for (int i = 0; i < jobs; i++) {
            String folder = "team-" + (i / perFolder);
            if (i % perFolder == 0) {
                folderStore = folderCredentials(home, folder, random, seed * 1_000 + i);
            }
            List<String> visible = new ArrayList<>(GLOBAL_BITBUCKET_IDS);
            folderStore.keySet().stream().filter(id -> !visible.contains(id)).forEach(visible::add);
            String name = folder + "/job-" + i;
            String repository = "https://bitbucket.org/acme/repo-" + (i % 977) + ".git";
            int shape = random.nextInt(20);
            String id = visible.get(random.nextInt(visible.size()));
            if (shape == 0) {
                home.freestyleJobWithBinding(
                        name,
                        "nexus",
                        "curl -u \"$BB_USER:$BB_PASS\" --upload-file app.jar"
                                + " https://nexus.example.com/repository/releases/app.jar");
                id = "nexus";
            } else if (shape == 1) {
                home.freestyleJob(name, "https://github.com/acme/repo-" + i + ".git", "github", false);
                id = "github";
            } else if (shape == 2) {
                home.freestyleJob(
                        name, "https://bitbucket.example.com/scm/acme/repo-" + i + ".git", "data-center", false);
                id = "data-center";
            } else if (shape == 3) {
                home.multibranch(name, "acme", "repo-" + i, id, "main");
            } else if (shape < 8) {
                home.freestyleJobWithBinding(
                        name,
                        id,
                        "curl -u \"$BB_USER:$BB_PASS\"" + " https://api.bitbucket.org/2.0/repositories/acme/repo-" + i
                                + "/pullrequests");
            } else if (shape < 12) {
                home.pipelineJob(
                        name,
                        "pipeline {\n  agent any\n  stages {\n    stage('Build') {\n      steps {\n"
                                + "        git url: '" + repository + "', credentialsId: '" + id + "', branch: 'main'\n"
                                + "      }\n    }\n  }\n}\n");
            } else if (shape < 16) {
                home.pipelineFromScm(name, repository, id);
            } else {
                home.freestyleJob(name, repository, id, shape == 19);
            }
            Holds holds = folderStore.containsKey(id) ? folderStore.get(id) : global.get(id);
            if (holds.appPassword()) {
                affected.add(name);
                if (holds.withoutDigit()) {
                    withoutDigit.add(name);
                }
            } else if (id.equals("nexus")) {
                undecidable.add(name);
            }
        }
        return new GroundTruthHome(home, affected, undecidable, withoutDigit, jobs);
    }

    /** Writes a folder; three in ten have a store of their own that may shadow global ids, either way. */
    private static Map<String, Holds> folderCredentials(
            SyntheticJenkinsHome home, String folder, Random random, long seed) {
        Map<String, Holds> store = new LinkedHashMap<>();
        List<Cred> creds = new ArrayList<>();
        if (random.nextInt(10) < 3) {
            int count = 1 + random.nextInt(3);
            for (int k = 0; k < count; k++) {
                String id = random.nextBoolean()
                        ? GLOBAL_BITBUCKET_IDS.get(random.nextInt(GLOBAL_BITBUCKET_IDS.size()))
                        : folder + "-credential-" + k;
                if (store.containsKey(id)) {
                    continue;
                }
                Cred cred =
                        switch (random.nextInt(5)) {
                            case 0 -> Cred.usernamePassword(id, "jane-doe", TestSecrets.appPassword(seed + k));
                            case 1 -> Cred.usernamePassword(id, "jane-doe", olderAppPassword(random));
                            case 2 -> Cred.usernamePassword(id, "build-bot", random(LETTERS, 20, random));
                            case 3 ->
                                Cred.usernamePassword(id, "x-bitbucket-api-token-auth", TestSecrets.apiToken(seed + k));
                            default -> Cred.secretText(id, TestSecrets.accessToken(seed + k));
                        };
                add(creds, store, cred);
            }
        }
        home.folder(folder, creds.toArray(new Cred[0]));
        return store;
    }

    private static void add(List<Cred> creds, Map<String, Holds> store, Cred cred) {
        creds.add(cred);
        boolean app = cred.secret() != null
                && (cred.secret().startsWith("ATBB")
                        || (cred.secret().length() == 20
                                && !cred.id().equals("nexus")
                                && !cred.id().equals("github")));
        store.put(cred.id(), new Holds(app, app && cred.secret().chars().noneMatch(Character::isDigit)));
    }

    /** Returns 20 random letters and digits, as Bitbucket made them: about one in 30 has no digit. */
    private static String olderAppPassword(Random random) {
        return random(ALPHANUMERIC, 20, random);
    }

    private static String random(String alphabet, int length, Random random) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /**
     * Writes homes of a size for several seeds, scans each with and without its keys, and prints whether the scan
     * found exactly the affected jobs (no miss, no extra) and how long it took.
     *
     * @param args {@code <dir> <jobs> <seed>...}
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int jobs = Integer.parseInt(args[1]);
        for (int a = 2; a < args.length; a++) {
            long seed = Long.parseLong(args[a]);
            Path homeDir = dir.resolve("seed-" + seed);
            long start = System.nanoTime();
            GroundTruthHome truth = generate(homeDir, jobs, seed);
            long written = System.nanoTime();
            AuditReport report = JenkinsHomeScanner.withDefaults().scan(homeDir, LocalDate.of(2026, 8, 1));
            long scanned = System.nanoTime();
            Set<String> found = new TreeSet<>(report.jobsUsingAppPasswords());
            Set<String> missed = new TreeSet<>(truth.affected());
            missed.removeAll(found);
            Set<String> extra = new TreeSet<>(found);
            extra.removeAll(truth.affected());
            Files.delete(homeDir.resolve("secrets/master.key"));
            AuditReport withoutKeys = JenkinsHomeScanner.withDefaults().scan(homeDir, LocalDate.of(2026, 8, 1));
            Set<String> possibly = new TreeSet<>(withoutKeys.jobsPossiblyUsingAppPasswords());
            Set<String> missedWithoutKeys = new TreeSet<>(truth.affected());
            missedWithoutKeys.removeAll(possibly);
            Set<String> unexplained = new TreeSet<>(possibly);
            unexplained.removeAll(truth.affected());
            unexplained.removeAll(truth.undecidableWithoutSecrets());
            long nexus = possibly.stream()
                    .filter(truth.undecidableWithoutSecrets()::contains)
                    .count();
            System.out.printf(
                    "seed %d: %d jobs, %d affected (%d by 20 letters without a digit); with keys: found %d, missed %d, extra %d (scan %.1f s);"
                            + " without keys: %d possibly (%d Nexus bindings the files cannot clear), missed %d,"
                            + " unexplained %d; home written in %.1f s%n",
                    seed,
                    jobs,
                    truth.affected().size(),
                    truth.affectedWithoutDigit().size(),
                    found.size(),
                    missed.size(),
                    extra.size(),
                    (scanned - written) / 1e9,
                    possibly.size(),
                    nexus,
                    missedWithoutKeys.size(),
                    unexplained.size(),
                    (written - start) / 1e9);
            deleteRecursively(homeDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
