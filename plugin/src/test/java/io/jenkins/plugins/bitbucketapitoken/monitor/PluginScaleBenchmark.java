package io.jenkins.plugins.bitbucketapitoken.monitor;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.ExtensionComponent;
import hudson.ExtensionList;
import hudson.model.AdministrativeMonitor;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.ManagementLink;
import hudson.model.Saveable;
import hudson.model.listeners.ItemListener;
import hudson.model.listeners.SaveableListener;
import hudson.util.Secret;
import io.jenkins.plugins.bitbucketapitoken.BitbucketApiTokenConfiguration;
import io.jenkins.plugins.bitbucketapitoken.core.audit.testing.SyntheticJenkinsHome;
import io.jenkins.plugins.bitbucketapitoken.core.audit.testing.SyntheticJenkinsHome.Cred;
import io.jenkins.plugins.bitbucketapitoken.core.testing.TestSecrets;
import io.jenkins.plugins.bitbucketapitoken.core.testing.fake.FakeBitbucket;
import io.jenkins.plugins.bitbucketapitoken.core.testing.fake.FakeRepository;
import io.jenkins.plugins.bitbucketapitoken.credentials.BitbucketApiTokenCredentialsImpl;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jenkins.ExtensionFilter;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * Measures the plugin's overhead in a real Jenkins at the scale of a large controller (issue 13): 10,000 jobs in
 * about 500 folders (freestyle, Pipeline, multibranch with branch jobs), 5% of them on an app password, one folder
 * of 1,000 jobs to rename. Jenkins is restarted on the same generated home in one JVM: a warm-up start, then
 * without, with, with, without the plugin; without it, every extension of this plugin is filtered out by an
 * {@link ExtensionFilter} (the baseline: Jenkins behaves as if the plugin were not installed). Also compares {@code bitbucketCheckout} with a plain
 * {@code checkout scmGit(...)} of the same repository from the fake Bitbucket, same refspec, same depth.
 *
 * <p>Not a test: surefire does not pick it up by name. Run by {@code bench/plugin-scale-benchmark.sh}.
 */
@EnabledIfSystemProperty(named = "bench.pluginScale", matches = "true")
class PluginScaleBenchmark {

    private static final String PLUGIN_PACKAGE = "io.jenkins.plugins.bitbucketapitoken.";
    private static final int JOBS = Integer.getInteger("bench.jobs", 10_000);
    private static final int BIG_FOLDER = 1_000;
    private static final int PER_FOLDER = 18;
    /** The same pause after every timed save in both modes, so no mode times a save straight after another. */
    private static final long PAUSE_MILLIS = 2;

    private static volatile boolean withoutPlugin;

    private final Map<String, Map<String, List<Double>>> figures = new LinkedHashMap<>();
    /** The save and render figures again, per start of Jenkins: how far one start differs from another. */
    private final Map<String, Map<String, List<Double>>> perRound = new LinkedHashMap<>();

    private String round = "";
    private final PrintStream out = System.out;

    /** Filters out every extension of this plugin in the baseline run. */
    @TestExtension
    public static final class WithoutThisPlugin extends ExtensionFilter {
        @Override
        public <T> boolean allows(Class<T> type, ExtensionComponent<T> component) {
            return !withoutPlugin
                    || !component.getInstance().getClass().getName().startsWith(PLUGIN_PACKAGE);
        }
    }

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    void run() throws Throwable {
        Path home = sessions.getHome().toPath();
        long t = System.nanoTime();
        int folders = generate(home);
        out.printf("Generated %d jobs in %d folders in %.1f s%n", JOBS, folders, (System.nanoTime() - t) / 1e9);
        boolean checkoutDone = false;
        int round = 0;
        for (String mode : System.getProperty("bench.modes", "warmup,without,with,with,without")
                .split(",")) {
            out.printf("Round %d: %s the plugin%n", ++round, mode);
            this.round = round + " " + mode;
            measure(mode, !checkoutDone && mode.equals("with"));
            checkoutDone |= mode.equals("with");
        }
        report();
    }

    private void measure(String mode, boolean withCheckout) throws Throwable {
        withoutPlugin = mode.equals("without");
        long t0 = System.nanoTime();
        sessions.then(j -> measure(j, mode, t0, withCheckout));
    }

    private void measure(JenkinsRule j, String mode, long t0, boolean withCheckout) throws Throwable {
        long up = System.nanoTime();
        out.printf("[%s] fully up%n", mode);
        record(mode, "startup until fully up (s)", (up - t0) / 1e9);
        AppPasswordIndex index = withoutPlugin ? null : AppPasswordIndex.get();
        if (index != null) {
            while (!index.isReady()) {
                Thread.sleep(5); // a benchmark polling a background task, not a test
            }
            record(mode, "index ready after fully up (s)", Math.max(0, index.readyAtNanos() - up) / 1e9);
            record(mode, "startup until index ready (s)", (Math.max(up, index.readyAtNanos()) - t0) / 1e9);
            out.printf(
                    "[%s] index: %d items, %d rows, %d app-password credentials%n",
                    mode,
                    j.jenkins.getAllItems(Item.class).size(),
                    index.summary().rows().size(),
                    index.summary().appPasswordCredentials().size());
        }
        if (!Boolean.getBoolean("bench.startupOnly")) {
            operations(j, mode, index, withCheckout);
        }
        if (index != null) {
            // last: a production controller rebuilds once, at startup; three more leave garbage the saves would pay
            for (int i = 0; i < 3; i++) {
                long t = System.nanoTime();
                index.rebuild();
                record(mode, "  full rebuild on demand (s)", (System.nanoTime() - t) / 1e9);
            }
        }
    }

    private void operations(JenkinsRule j, String mode, AppPasswordIndex index, boolean withCheckout) throws Exception {
        System.gc(); // both modes time their operations from a heap without the start-up's garbage
        Random random = new Random(13);
        List<Job> jobs = new ArrayList<>();
        for (Job<?, ?> job : j.jenkins.allItems(Job.class)) {
            if (job.getParent() instanceof Folder) {
                jobs.add(job);
            }
        }
        Collections.shuffle(jobs, random);
        List<Folder> teams = j.jenkins.getItems(Folder.class).stream()
                .filter(f -> f.getName().startsWith("team-"))
                .toList();
        // as in production: the background task applies the saves on its own schedule, off the timed path
        for (int i = 0; i < 500; i++) {
            Job<?, ?> job = jobs.get(i % jobs.size());
            timed(mode, "job save (ms)", i < 50, job::save);
            Thread.sleep(PAUSE_MILLIS);
        }
        for (int i = 0; i < 200; i++) {
            Folder folder = teams.get(random.nextInt(teams.size()));
            timed(mode, "folder save (ms)", i < 20, folder::save);
            Thread.sleep(PAUSE_MILLIS);
        }
        if (index != null) {
            index.settle();
            // what the background task costs per event: one save, then its events applied at once
            for (int i = 0; i < 200; i++) {
                jobs.get(random.nextInt(jobs.size())).save();
                settle(index, mode, "  background apply after a job save (ms)", i < 20);
                teams.get(random.nextInt(teams.size())).save();
                settle(index, mode, "  background apply after a folder save (ms)", i < 20);
            }
            savesWithAndWithoutTheListeners(jobs, teams, random);
        }
        Folder big = (Folder) j.jenkins.getItem("big");
        for (int i = 0; i < 10; i++) {
            String to = i % 2 == 0 ? "big-renamed" : "big";
            timed(mode, "rename folder with 1,000 descendants (ms)", i == 0, () -> big.renameTo(to));
            settle(index, mode, "  background apply after the rename (ms)", i == 0);
        }
        HttpClient http = HttpClient.newHttpClient();
        String manage = fetch(http, j, "manage/");
        out.printf("[%s] /manage shows the banner: %s%n", mode, manage.contains("Review and replace"));
        for (int i = 0; i < 60; i++) {
            timed(mode, "render /manage (ms)", i < 10, () -> fetch(http, j, "manage/"));
        }
        if (index != null) {
            manageWithAndWithoutThePlugin(http, j);
            for (int i = 0; i < 30; i++) {
                timed(
                        mode,
                        "render the monitor's page (ms)",
                        i < 5,
                        () -> fetch(http, j, "administrativeMonitor/bitbucketAppPasswords/"));
            }
            if (withCheckout) {
                checkout(j, mode);
            }
        }
    }

    /**
     * Saves the same jobs and folders in one running controller, in alternating blocks with this plugin's item and
     * save listeners attached and detached: the whole of what the plugin does on a save thread, without the noise of
     * one start of Jenkins against another. Attached, the background task applies the events on its own schedule,
     * as in production.
     */
    private void savesWithAndWithoutTheListeners(List<Job> jobs, List<Folder> teams, Random random) throws Exception {
        SaveableListener saveEvents = ExtensionList.lookupSingleton(AppPasswordIndex.SaveEvents.class);
        ItemListener itemEvents = ExtensionList.lookupSingleton(AppPasswordIndex.ItemEvents.class);
        for (int block = 0; block < 20; block++) {
            boolean attached = block % 2 == 1;
            String mode = attached ? "with" : "without";
            if (!attached) {
                ExtensionList.lookup(SaveableListener.class).remove(saveEvents);
                ExtensionList.lookup(ItemListener.class).remove(itemEvents);
            }
            for (int i = 0; i < 50; i++) {
                Saveable target =
                        i % 5 == 0 ? teams.get(random.nextInt(teams.size())) : jobs.get(random.nextInt(jobs.size()));
                String what = target instanceof Folder
                        ? "folder save, same controller (ms)"
                        : "job save, same controller (ms)";
                timed(mode, what, block < 2, target::save);
                Thread.sleep(PAUSE_MILLIS);
            }
            if (!attached) {
                ExtensionList.lookup(SaveableListener.class).add(saveEvents);
                ExtensionList.lookup(ItemListener.class).add(itemEvents);
            }
        }
        AppPasswordIndex.get().settle();
    }

    /**
     * Renders /manage in one running controller, alternately with this plugin's administrative monitors and
     * management link removed and registered (every other render, so that a collection or a slow moment falls on
     * both alike): everything the plugin adds to that page.
     */
    private void manageWithAndWithoutThePlugin(HttpClient http, JenkinsRule j) throws Exception {
        ExtensionList<AdministrativeMonitor> monitors = ExtensionList.lookup(AdministrativeMonitor.class);
        ExtensionList<ManagementLink> links = ExtensionList.lookup(ManagementLink.class);
        List<AdministrativeMonitor> ours = List.of(
                ExtensionList.lookupSingleton(AppPasswordMonitor.class),
                ExtensionList.lookupSingleton(ExpiringTokenMonitor.class));
        ManagementLink link = ExtensionList.lookupSingleton(AppPasswordManagementLink.class);
        for (int i = 0; i < 240; i++) {
            boolean registered = i % 2 == 1;
            if (!registered) {
                monitors.removeAll(ours);
                links.remove(link);
            }
            timed(
                    registered ? "with" : "without",
                    "render /manage, same controller (ms)",
                    i < 20,
                    () -> fetch(http, j, "manage/"));
            if (!registered) {
                ours.forEach(monitors::add);
                links.add(link);
            }
        }
    }

    private void checkout(JenkinsRule j, String mode) throws Exception {
        String token = TestSecrets.apiToken(1301);
        try (FakeBitbucket bitbucket = FakeBitbucket.start()
                .addAccount("jane@example.com", "jane-doe")
                .addApiToken("jane@example.com", token, FakeBitbucket.ALL_SCOPES, Optional.empty())) {
            FakeRepository repository = bitbucket.addRepository("acme", "widget");
            for (int i = 0; i < 60; i++) {
                repository.commit("main", "src/file-" + (i % 30) + ".txt", "content " + i + "\n".repeat(i), "c" + i);
            }
            BitbucketApiTokenConfiguration config = BitbucketApiTokenConfiguration.get();
            config.setApiUrl(bitbucket.endpoints().apiUrl().toString());
            config.setGitUrl(bitbucket.endpoints().gitUrl().toString());
            SystemCredentialsProvider.getInstance()
                    .getCredentials()
                    .add(new BitbucketApiTokenCredentialsImpl(
                            CredentialsScope.GLOBAL, "bb", null, "jane@example.com", Secret.fromString(token)));
            SystemCredentialsProvider.getInstance().save();
            URI url = bitbucket.cloneUrl("acme", "widget");
            Map<String, String> steps = new LinkedHashMap<>();
            steps.put(
                    "checkout: bitbucketCheckout (ms)",
                    "bitbucketCheckout url: '" + url + "', credentialsId: 'bb', branch: 'main'");
            steps.put(
                    "checkout: checkout scmGit (ms)",
                    "checkout scmGit(userRemoteConfigs: [[url: '" + url + "', credentialsId: 'bb',"
                            + " refspec: '+refs/heads/main:refs/remotes/origin/main']],"
                            + " branches: [[name: 'refs/heads/main']],"
                            + " extensions: [cloneOption(honorRefspec: true, noTags: true, shallow: false),"
                            + " localBranch('main')])");
            Map<String, WorkflowJob> jobs = new LinkedHashMap<>();
            for (Map.Entry<String, String> step : steps.entrySet()) {
                WorkflowJob job = j.createProject(WorkflowJob.class);
                job.setDefinition(new CpsFlowDefinition(
                        "node { deleteDir(); long t0 = System.nanoTime(); " + step.getValue()
                                + "; echo \"ELAPSED_NS=${System.nanoTime() - t0}\" }",
                        false));
                jobs.put(step.getKey(), job);
            }
            for (int i = 0; i < 23; i++) {
                for (Map.Entry<String, WorkflowJob> job : jobs.entrySet()) {
                    WorkflowRun run = j.buildAndAssertSuccess(job.getValue());
                    Matcher m = Pattern.compile("ELAPSED_NS=(\\d+)").matcher(JenkinsRule.getLog(run));
                    if (!m.find()) {
                        throw new IllegalStateException("no timing in " + run);
                    }
                    if (i >= 3) {
                        record(mode, job.getKey(), Long.parseLong(m.group(1)) / 1e6);
                    }
                }
            }
        }
    }

    private static String fetch(HttpClient http, JenkinsRule j, String path) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(j.getURL() + path)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode());
        }
        return response.body();
    }

    private interface Action {
        void run() throws Exception;
    }

    private void timed(String mode, String what, boolean warmUp, Action action) throws Exception {
        long t = System.nanoTime();
        action.run();
        double ms = (System.nanoTime() - t) / 1e6;
        if (!warmUp) {
            record(mode, what, ms);
        }
    }

    /** Applies the queued events now, outside the timed operation, so they never leak into the next sample. */
    private void settle(AppPasswordIndex index, String mode, String what, boolean warmUp) throws Exception {
        if (index != null) {
            timed(mode, what, warmUp, index::settle);
        }
    }

    private void record(String mode, String what, double value) {
        if (mode.equals("warmup")) {
            if (!what.startsWith("startup") && !what.startsWith("index ready")) {
                return;
            }
            mode = "cold JVM"; // the first start of the JVM: what a real controller's startup looks like
        }
        figures.computeIfAbsent(what, k -> new LinkedHashMap<>())
                .computeIfAbsent(mode, k -> new ArrayList<>())
                .add(value);
        if ((what.contains("save (ms)") || what.contains("render /manage")) && !what.contains("same controller")) {
            perRound.computeIfAbsent(what, k -> new LinkedHashMap<>())
                    .computeIfAbsent(round, k -> new ArrayList<>())
                    .add(value);
        }
    }

    private void report() throws IOException {
        StringBuilder text = new StringBuilder();
        text.append(String.format(
                "Machine: %d CPUs, %s %s, Java %s; load average before the run: %s%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"),
                System.getProperty("os.arch"),
                System.getProperty("java.version"),
                loadAverage()));
        text.append(String.format(
                "%-46s %-8s %6s %9s %9s %9s %9s %9s%n",
                "figure", "plugin", "n", "min", "p50", "p99", "max", "p50 ratio"));
        for (Map.Entry<String, Map<String, List<Double>>> figure : figures.entrySet()) {
            Double base = Optional.ofNullable(figure.getValue().get("without"))
                    .map(v -> percentile(v, 50))
                    .orElse(null);
            for (Map.Entry<String, List<Double>> mode : figure.getValue().entrySet()) {
                List<Double> v = mode.getValue();
                String ratio = base == null || mode.getKey().equals("without")
                        ? ""
                        : String.format("%.3f", percentile(v, 50) / base);
                text.append(String.format(
                        "%-46s %-8s %6d %9.3f %9.3f %9.3f %9.3f %9s%n",
                        figure.getKey(),
                        mode.getKey(),
                        v.size(),
                        percentile(v, 0),
                        percentile(v, 50),
                        percentile(v, 99),
                        percentile(v, 100),
                        ratio));
            }
        }
        text.append(String.format("%nMedian per start of Jenkins (ms):%n"));
        perRound.forEach((what, rounds) -> rounds.forEach(
                (r, v) -> text.append(String.format("%-46s %-12s %6d %9.3f%n", what, r, v.size(), percentile(v, 50)))));
        out.print(text);
        Path report = Path.of(System.getProperty("bench.report", "target/plugin-scale-benchmark.txt"));
        Files.createDirectories(report.toAbsolutePath().getParent());
        Files.writeString(report, text);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static double percentile(List<Double> values, int p) {
        List<Double> sorted = values.stream().sorted().toList();
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    /** Writes the controller: 500 folders with a store each, 10,000 jobs, 5% of them on the app password. */
    private static int generate(Path dir) {
        SyntheticJenkinsHome home = SyntheticJenkinsHome.at(dir, 13);
        home.systemCredentials(
                List.of(
                        Cred.usernamePassword("bb-app-password", "jane-doe", TestSecrets.appPassword(13)),
                        Cred.usernamePassword("bb-api-token", "x-bitbucket-api-token-auth", TestSecrets.apiToken(13))),
                List.of());
        int jobs = 0;
        int folders = 0;
        home.folder("big");
        folders++;
        for (int i = 0; i < BIG_FOLDER; i++) {
            jobs += job(home, "big/job-" + i, jobs);
        }
        for (int team = 0; jobs < JOBS; team++) {
            String folder = "team-" + team;
            home.folder(
                    folder,
                    Cred.usernamePassword(
                            folder + "-token", "x-bitbucket-api-token-auth", TestSecrets.apiToken(1000 + team)));
            folders++;
            for (int i = 0; i < PER_FOLDER && jobs < JOBS; i++) {
                jobs += job(home, folder + "/job-" + i, jobs);
            }
            if (jobs < JOBS) {
                home.multibranch(
                        folder + "/widget",
                        "acme",
                        "widget-" + team,
                        jobs % 20 == 0 ? "bb-app-password" : "bb-api-token",
                        "main",
                        "develop");
                folders++;
                jobs += 2;
            }
        }
        return folders;
    }

    /** Drops the trigger of the Bitbucket plugin, which is not installed here: Jenkins would log unreadable data. */
    private static void withoutBitbucketTrigger(Path home, String name) {
        String[] parts = name.split("/");
        Path config = home.resolve("jobs")
                .resolve(parts[0])
                .resolve("jobs")
                .resolve(parts[1])
                .resolve("config.xml");
        try {
            Files.writeString(
                    config, Files.readString(config).replaceAll("(?s)<triggers>.*?</triggers>", "<triggers/>"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int job(SyntheticJenkinsHome home, String name, int n) {
        String url = "https://bitbucket.org/acme/repo-" + (n % 977) + ".git";
        String credential = n % 20 == 0 ? "bb-app-password" : "bb-api-token";
        switch (n % 3) {
            case 0 -> {
                home.freestyleJob(name, url, credential, false);
                withoutBitbucketTrigger(home.home(), name);
            }
            case 1 ->
                home.pipelineJob(
                        name, "node { git url: '" + url + "', credentialsId: '" + credential + "', branch: 'main' }");
            default -> home.pipelineFromScm(name, url, credential);
        }
        return 1;
    }
}
