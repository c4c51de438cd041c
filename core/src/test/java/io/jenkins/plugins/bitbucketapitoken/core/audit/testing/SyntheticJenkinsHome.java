package io.jenkins.plugins.bitbucketapitoken.core.audit.testing;

import io.jenkins.plugins.bitbucketapitoken.core.testing.TestSecrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes Jenkins homes in Jenkins' real on-disk formats, for tests, benchmarks and the shipped example:
 * {@code credentials.xml} with domains, folders with {@code FolderCredentialsProperty}, users with
 * {@code UserCredentialsProvider$UserCredentialsProperty} and {@code users.xml}, freestyle jobs with
 * {@code GitSCM}, Pipeline jobs ({@code CpsFlowDefinition}, {@code CpsScmFlowDefinition}), multibranch projects
 * with {@code BitbucketSCMSource} and branch jobs, organization folders with {@code BitbucketSCMNavigator} and
 * generated projects. Secrets are encrypted exactly as Jenkins does, with keys written to {@code secrets/}.
 *
 * <p>Every secret is synthetic (see {@link TestSecrets}). Deterministic for a given seed.
 *
 * <p>Run {@code main} to write a large home for benchmarks ({@code <dir> <jobs>}) or the example home
 * ({@code --example <dir>}).
 */
public final class SyntheticJenkinsHome {

    /** The class names of the credential types Jenkins uses. */
    public static final String USERNAME_PASSWORD =
            "com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl";

    /** Secret text (plain-credentials). */
    public static final String SECRET_TEXT = "org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl";

    /** SSH private key (ssh-credentials). */
    public static final String SSH_KEY = "com.cloudbees.jenkins.plugins.sshcredentials.impl.BasicSSHUserPrivateKey";

    private static final String HEADER = "<?xml version='1.1' encoding='UTF-8'?>\n";
    private static final byte[] MAGIC = "::::MAGIC::::".getBytes(StandardCharsets.US_ASCII);

    private final Path home;
    private final Random random;
    private final SecretKeySpec key;
    private final Map<String, String> users = new LinkedHashMap<>();

    /**
     * Describes a credential to write.
     *
     * @param id its id
     * @param scope GLOBAL, SYSTEM or USER
     * @param type its class name
     * @param username its username, or {@code null}
     * @param secret its plain secret, or {@code null}
     * @param usernameSecret whether the username is marked secret
     */
    public record Cred(String id, String scope, String type, String username, String secret, boolean usernameSecret) {

        /** A username with password. */
        public static Cred usernamePassword(String id, String username, String password) {
            return new Cred(id, "GLOBAL", USERNAME_PASSWORD, username, password, false);
        }

        /** A secret text. */
        public static Cred secretText(String id, String secret) {
            return new Cred(id, "GLOBAL", SECRET_TEXT, null, secret, false);
        }

        /** An SSH private key. */
        public static Cred sshKey(String id, String username) {
            return new Cred(id, "GLOBAL", SSH_KEY, username, null, false);
        }

        /** The same credential with another scope. */
        public Cred scope(String newScope) {
            return new Cred(id, newScope, type, username, secret, usernameSecret);
        }

        /** The same credential with its username marked secret. */
        public Cred hiddenUsername() {
            return new Cred(id, scope, type, username, secret, true);
        }
    }

    private SyntheticJenkinsHome(Path home, long seed) {
        this.home = home;
        this.random = new Random(seed);
        try {
            KeyFiles keys = keyFiles(random);
            Files.createDirectories(home.resolve("secrets"));
            Files.writeString(home.resolve("secrets/master.key"), keys.masterKey(), StandardCharsets.UTF_8);
            Files.write(home.resolve("secrets/hudson.util.Secret"), keys.hudsonUtilSecret());
            this.key = keys.secretKey();
            Files.createDirectories(home.resolve("jobs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Holds the content of the two key files of {@code secrets/}, and the key they wrap.
     *
     * @param masterKey the text of {@code secrets/master.key}
     * @param hudsonUtilSecret the bytes of {@code secrets/hudson.util.Secret}
     * @param secretKey the key that encrypts stored secrets
     */
    public record KeyFiles(String masterKey, byte[] hudsonUtilSecret, SecretKeySpec secretKey) {}

    /**
     * Makes the key files a home written with this seed gets, in memory only: for tests that need keys but no
     * files.
     *
     * @param seed the seed {@link #at(Path, long)} would be given
     * @return the key files
     */
    public static KeyFiles keyFiles(long seed) {
        return keyFiles(new Random(seed));
    }

    private static KeyFiles keyFiles(Random random) {
        try {
            byte[] master = new byte[128];
            random.nextBytes(master);
            String masterText = HexFormat.of().formatHex(master);
            byte[] payload = new byte[256];
            random.nextBytes(payload);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(masterText.getBytes(StandardCharsets.UTF_8));
            Cipher wrap = Cipher.getInstance("AES/ECB/PKCS5Padding");
            wrap.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(digest, 0, 16, "AES"));
            byte[] plain = Arrays.copyOf(payload, payload.length + MAGIC.length);
            System.arraycopy(MAGIC, 0, plain, payload.length, MAGIC.length);
            return new KeyFiles(masterText, wrap.doFinal(plain), new SecretKeySpec(payload, 0, 16, "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts a Jenkins home in a directory, with fresh keys in {@code secrets/}.
     *
     * @param home the directory; created if missing
     * @param seed makes keys and IVs repeatable
     * @return the writer
     */
    public static SyntheticJenkinsHome at(Path home, long seed) {
        return new SyntheticJenkinsHome(home, seed);
    }

    /** Returns the Jenkins home directory. */
    public Path home() {
        return home;
    }

    /**
     * Encrypts a secret exactly as Jenkins' {@code Secret.getEncryptedValue()} does (payload version 1).
     *
     * @param plain the secret
     * @return {@code {base64}}
     */
    public String encrypt(String plain) {
        try {
            byte[] iv = new byte[16];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
            byte[] data = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            ByteBuffer payload = ByteBuffer.allocate(1 + 8 + iv.length + data.length);
            payload.put((byte) 1).putInt(iv.length).putInt(data.length).put(iv).put(data);
            return "{" + Base64.getEncoder().encodeToString(payload.array()) + "}";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Encrypts a secret in Jenkins' older form: base64 of AES/ECB over the text and {@code ::::MAGIC::::}.
     *
     * @param plain the secret
     * @return base64 without braces
     */
    public String encryptLegacy(String plain) {
        try {
            Cipher cipher = Cipher.getInstance("AES/ECB/PKCS5Padding");
            cipher.init(Cipher.ENCRYPT_MODE, key);
            return Base64.getEncoder()
                    .encodeToString(cipher.doFinal((plain + "::::MAGIC::::").getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes {@code credentials.xml}: the given credentials in the global domain, and more in a named domain.
     *
     * @param global credentials of the global domain
     * @param bitbucketDomain credentials of a domain named {@code bitbucket.org}
     * @return this writer
     */
    public SyntheticJenkinsHome systemCredentials(List<Cred> global, List<Cred> bitbucketDomain) {
        String xml = HEADER
                + "<com.cloudbees.plugins.credentials.SystemCredentialsProvider plugin=\"credentials@1415.v831096eb_5534\">\n"
                + domainMap(global, bitbucketDomain, "  ")
                + "</com.cloudbees.plugins.credentials.SystemCredentialsProvider>\n";
        return write(home.resolve("credentials.xml"), xml);
    }

    /**
     * Writes a folder, with its own credentials store when credentials are given.
     *
     * @param fullName the folder's full name
     * @param credentials the folder's credentials
     * @return this writer
     */
    public SyntheticJenkinsHome folder(String fullName, Cred... credentials) {
        String properties = credentials.length == 0
                ? "  <properties/>\n"
                : "  <properties>\n"
                        + "    <com.cloudbees.hudson.plugins.folder.properties.FolderCredentialsProvider_-FolderCredentialsProperty>\n"
                        + domainMap(List.of(credentials), List.of(), "      ")
                        + "    </com.cloudbees.hudson.plugins.folder.properties.FolderCredentialsProvider_-FolderCredentialsProperty>\n"
                        + "  </properties>\n";
        String xml = HEADER
                + "<com.cloudbees.hudson.plugins.folder.Folder plugin=\"cloudbees-folder@6.1012.v79a_86a_1ea_c1f\">\n"
                + "  <actions/>\n  <description></description>\n"
                + properties
                + "  <folderViews class=\"com.cloudbees.hudson.plugins.folder.views.DefaultFolderViewHolder\">\n"
                + "    <views>\n      <hudson.model.AllView>\n        <owner class=\"com.cloudbees.hudson.plugins.folder.Folder\" reference=\"../../../..\"/>\n"
                + "        <name>All</name>\n        <filterExecutors>false</filterExecutors>\n        <filterQueue>false</filterQueue>\n"
                + "        <properties class=\"hudson.model.View$PropertyList\"/>\n      </hudson.model.AllView>\n    </views>\n"
                + "    <tabBar class=\"hudson.views.DefaultViewsTabBar\"/>\n  </folderViews>\n"
                + "  <healthMetrics/>\n  <icon class=\"com.cloudbees.hudson.plugins.folder.icons.StockFolderIcon\"/>\n"
                + "</com.cloudbees.hudson.plugins.folder.Folder>\n";
        write(itemDir(fullName).resolve("config.xml"), xml);
        return mkdirs(itemDir(fullName).resolve("jobs"));
    }

    /**
     * Writes a freestyle job that checks out a Git repository.
     *
     * @param fullName the job's full name; its folders must exist
     * @param url the repository URL
     * @param credentialsId the credential id of the remote, or {@code null}
     * @param disabled whether the job is disabled
     * @return this writer
     */
    public SyntheticJenkinsHome freestyleJob(String fullName, String url, String credentialsId, boolean disabled) {
        String xml = HEADER + "<project>\n  <actions/>\n  <description>Builds the widget</description>\n"
                + "  <keepDependencies>false</keepDependencies>\n  <properties/>\n"
                + gitScm("  ", url, credentialsId)
                + "  <canRoam>true</canRoam>\n  <disabled>" + disabled + "</disabled>\n"
                + "  <blockBuildWhenDownstreamBuilding>false</blockBuildWhenDownstreamBuilding>\n"
                + "  <triggers>\n    <com.cloudbees.jenkins.plugins.BitBucketTrigger plugin=\"bitbucket@254.v6c55d8d0e0a_4\">\n"
                + "      <spec></spec>\n    </com.cloudbees.jenkins.plugins.BitBucketTrigger>\n  </triggers>\n"
                + "  <concurrentBuild>false</concurrentBuild>\n"
                + "  <builders>\n    <hudson.tasks.Shell>\n      <command>make test</command>\n"
                + "      <configuredLocalRules/>\n    </hudson.tasks.Shell>\n  </builders>\n  <publishers/>\n"
                + "  <buildWrappers/>\n</project>\n";
        return write(itemDir(fullName).resolve("config.xml"), xml);
    }

    /**
     * Writes a freestyle job whose build wrapper binds a username and password.
     *
     * @param fullName the job's full name
     * @param credentialsId the bound credential
     * @return this writer
     */
    public SyntheticJenkinsHome freestyleJobWithBinding(String fullName, String credentialsId) {
        return freestyleJobWithBinding(fullName, credentialsId, null);
    }

    /**
     * Writes a freestyle job whose build wrapper binds a username and password for a shell step.
     *
     * @param fullName the job's full name
     * @param credentialsId the bound credential
     * @param command the shell step that uses it, or {@code null} for none
     * @return this writer
     */
    public SyntheticJenkinsHome freestyleJobWithBinding(String fullName, String credentialsId, String command) {
        String builders = command == null
                ? "  <builders/>\n"
                : "  <builders>\n    <hudson.tasks.Shell>\n      <command>" + esc(command)
                        + "</command>\n      <configuredLocalRules/>\n    </hudson.tasks.Shell>\n  </builders>\n";
        String xml = HEADER + "<project>\n  <actions/>\n  <description></description>\n  <properties/>\n"
                + "  <scm class=\"hudson.scm.NullSCM\"/>\n  <disabled>false</disabled>\n  <triggers/>\n"
                + builders + "  <publishers/>\n  <buildWrappers>\n"
                + "    <org.jenkinsci.plugins.credentialsbinding.impl.SecretBuildWrapper plugin=\"credentials-binding@687.v619cb_15e923f\">\n"
                + "      <bindings>\n        <org.jenkinsci.plugins.credentialsbinding.impl.UsernamePasswordMultiBinding>\n"
                + "          <credentialsId>" + esc(credentialsId) + "</credentialsId>\n"
                + "          <usernameVariable>BB_USER</usernameVariable>\n          <passwordVariable>BB_PASS</passwordVariable>\n"
                + "        </org.jenkinsci.plugins.credentialsbinding.impl.UsernamePasswordMultiBinding>\n      </bindings>\n"
                + "    </org.jenkinsci.plugins.credentialsbinding.impl.SecretBuildWrapper>\n  </buildWrappers>\n</project>\n";
        return write(itemDir(fullName).resolve("config.xml"), xml);
    }

    /**
     * Writes a Pipeline job with its script in the configuration ({@code CpsFlowDefinition}).
     *
     * @param fullName the job's full name
     * @param script the Pipeline script
     * @return this writer
     */
    public SyntheticJenkinsHome pipelineJob(String fullName, String script) {
        String xml = HEADER + "<flow-definition plugin=\"workflow-job@1520.v56d65e3b_4566\">\n  <actions/>\n"
                + "  <description></description>\n  <keepDependencies>false</keepDependencies>\n  <properties/>\n"
                + "  <definition class=\"org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition\" plugin=\"workflow-cps@4018.vf02e01888da_f\">\n"
                + "    <script>" + esc(script) + "</script>\n    <sandbox>true</sandbox>\n  </definition>\n"
                + "  <triggers/>\n  <disabled>false</disabled>\n</flow-definition>\n";
        return write(itemDir(fullName).resolve("config.xml"), xml);
    }

    /**
     * Writes a Pipeline job whose Jenkinsfile comes from Git ({@code CpsScmFlowDefinition}).
     *
     * @param fullName the job's full name
     * @param url the repository URL
     * @param credentialsId the credential id of the remote
     * @return this writer
     */
    public SyntheticJenkinsHome pipelineFromScm(String fullName, String url, String credentialsId) {
        String xml = HEADER + "<flow-definition plugin=\"workflow-job@1520.v56d65e3b_4566\">\n  <actions/>\n"
                + "  <description></description>\n  <keepDependencies>false</keepDependencies>\n  <properties/>\n"
                + "  <definition class=\"org.jenkinsci.plugins.workflow.cps.CpsScmFlowDefinition\" plugin=\"workflow-cps@4018.vf02e01888da_f\">\n"
                + gitScm("    ", url, credentialsId)
                + "    <scriptPath>Jenkinsfile</scriptPath>\n    <lightweight>true</lightweight>\n  </definition>\n"
                + "  <triggers/>\n  <disabled>false</disabled>\n</flow-definition>\n";
        return write(itemDir(fullName).resolve("config.xml"), xml);
    }

    /**
     * Writes a multibranch Pipeline project on a Bitbucket Cloud repository, with generated branch jobs.
     *
     * @param fullName the project's full name
     * @param owner the workspace
     * @param repository the repository slug
     * @param credentialsId the branch source's credential
     * @param branches the branch jobs to generate
     * @return this writer
     */
    public SyntheticJenkinsHome multibranch(
            String fullName, String owner, String repository, String credentialsId, String... branches) {
        String xml = HEADER
                + "<org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject plugin=\"workflow-multibranch@795.ve0cb_1f45ca_9a_\">\n"
                + "  <actions/>\n  <description></description>\n  <properties/>\n"
                + "  <folderViews class=\"jenkins.branch.MultiBranchProjectViewHolder\" plugin=\"branch-api@2.1208.vf528356feca_4\">\n"
                + "    <owner class=\"org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject\" reference=\"../..\"/>\n"
                + "  </folderViews>\n  <healthMetrics/>\n"
                + "  <orphanedItemStrategy class=\"com.cloudbees.hudson.plugins.folder.computed.DefaultOrphanedItemStrategy\" plugin=\"cloudbees-folder@6.1012.v79a_86a_1ea_c1f\">\n"
                + "    <pruneDeadBranches>true</pruneDeadBranches>\n    <daysToKeep>-1</daysToKeep>\n    <numToKeep>-1</numToKeep>\n"
                + "    <abortBuilds>false</abortBuilds>\n  </orphanedItemStrategy>\n  <triggers/>\n  <disabled>false</disabled>\n"
                + "  <sources class=\"jenkins.branch.MultiBranchProject$BranchSourceList\" plugin=\"branch-api@2.1208.vf528356feca_4\">\n"
                + "    <data>\n      <jenkins.branch.BranchSource>\n"
                + bitbucketSource("        ", owner, repository, credentialsId)
                + "        <strategy class=\"jenkins.branch.DefaultBranchPropertyStrategy\">\n"
                + "          <properties class=\"empty-list\"/>\n        </strategy>\n      </jenkins.branch.BranchSource>\n"
                + "    </data>\n    <owner class=\"org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject\" reference=\"../..\"/>\n"
                + "  </sources>\n  <factory class=\"org.jenkinsci.plugins.workflow.multibranch.WorkflowBranchProjectFactory\">\n"
                + "    <owner class=\"org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject\" reference=\"../..\"/>\n"
                + "    <scriptPath>Jenkinsfile</scriptPath>\n  </factory>\n"
                + "</org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject>\n";
        write(itemDir(fullName).resolve("config.xml"), xml);
        mkdirs(itemDir(fullName).resolve("branches"));
        for (String branch : branches) {
            write(
                    itemDir(fullName).resolve("branches").resolve(branch).resolve("config.xml"),
                    branchJob(owner, repository, credentialsId, branch));
        }
        return this;
    }

    /**
     * Writes an organization folder on a Bitbucket workspace, with the multibranch projects it generated.
     *
     * @param fullName the folder's full name
     * @param owner the workspace
     * @param credentialsId the navigator's credential
     * @param repositories the generated projects, one per repository
     * @return this writer
     */
    public SyntheticJenkinsHome organizationFolder(
            String fullName, String owner, String credentialsId, String... repositories) {
        String xml = HEADER + "<jenkins.branch.OrganizationFolder plugin=\"branch-api@2.1208.vf528356feca_4\">\n"
                + "  <actions/>\n  <description></description>\n  <properties/>\n"
                + "  <folderViews class=\"jenkins.branch.OrganizationFolderViewHolder\">\n"
                + "    <owner reference=\"../..\"/>\n  </folderViews>\n  <healthMetrics/>\n"
                + "  <orphanedItemStrategy class=\"com.cloudbees.hudson.plugins.folder.computed.DefaultOrphanedItemStrategy\" plugin=\"cloudbees-folder@6.1012.v79a_86a_1ea_c1f\">\n"
                + "    <pruneDeadBranches>true</pruneDeadBranches>\n    <daysToKeep>-1</daysToKeep>\n    <numToKeep>-1</numToKeep>\n"
                + "  </orphanedItemStrategy>\n  <triggers/>\n  <disabled>false</disabled>\n  <navigators>\n"
                + "    <com.cloudbees.jenkins.plugins.bitbucket.BitbucketSCMNavigator plugin=\"cloudbees-bitbucket-branch-source@936.0.0\">\n"
                + "      <serverUrl>https://bitbucket.org</serverUrl>\n"
                + "      <credentialsId>" + esc(credentialsId) + "</credentialsId>\n"
                + "      <repoOwner>" + esc(owner) + "</repoOwner>\n"
                + "      <traits>\n        <com.cloudbees.jenkins.plugins.bitbucket.BranchDiscoveryTrait>\n"
                + "          <strategyId>1</strategyId>\n        </com.cloudbees.jenkins.plugins.bitbucket.BranchDiscoveryTrait>\n"
                + "      </traits>\n    </com.cloudbees.jenkins.plugins.bitbucket.BitbucketSCMNavigator>\n  </navigators>\n"
                + "  <projectFactories>\n    <org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProjectFactory plugin=\"workflow-multibranch@795.ve0cb_1f45ca_9a_\">\n"
                + "      <scriptPath>Jenkinsfile</scriptPath>\n    </org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProjectFactory>\n"
                + "  </projectFactories>\n</jenkins.branch.OrganizationFolder>\n";
        write(itemDir(fullName).resolve("config.xml"), xml);
        mkdirs(itemDir(fullName).resolve("jobs"));
        for (String repository : repositories) {
            multibranch(fullName + "/" + repository, owner, repository, credentialsId, "main");
        }
        return this;
    }

    /**
     * Writes a user with a personal credentials store, and records the user in {@code users/users.xml}.
     *
     * @param userId the user id
     * @param credentials the user's credentials (scope USER)
     * @return this writer
     */
    public SyntheticJenkinsHome user(String userId, Cred... credentials) {
        String dir = userId.replaceAll("[^A-Za-z0-9]", "_") + "_" + (1_000_000_000L + Math.abs(random.nextInt()));
        users.put(userId, dir);
        List<Cred> scoped = new ArrayList<>();
        for (Cred c : credentials) {
            scoped.add(c.scope("USER"));
        }
        String xml = HEADER + "<user>\n  <version>10</version>\n  <id>" + esc(userId) + "</id>\n"
                + "  <fullName>" + esc(userId) + "</fullName>\n  <properties>\n"
                + "    <com.cloudbees.plugins.credentials.UserCredentialsProvider_-UserCredentialsProperty plugin=\"credentials@1415.v831096eb_5534\">\n"
                + domainMap(scoped, List.of(), "      ")
                + "    </com.cloudbees.plugins.credentials.UserCredentialsProvider_-UserCredentialsProperty>\n"
                + "    <hudson.model.MyViewsProperty>\n      <views>\n        <hudson.model.AllView>\n"
                + "          <owner class=\"hudson.model.MyViewsProperty\" reference=\"../../..\"/>\n"
                + "          <name>all</name>\n        </hudson.model.AllView>\n      </views>\n    </hudson.model.MyViewsProperty>\n"
                + "  </properties>\n</user>\n";
        write(home.resolve("users").resolve(dir).resolve("config.xml"), xml);
        StringBuilder mapping = new StringBuilder(HEADER + "<hudson.model.UserIdMapper>\n  <version>1</version>\n"
                + "  <idToDirectoryNameMap class=\"concurrent-hash-map\">\n");
        users.forEach((id, d) -> mapping.append("    <entry>\n      <string>")
                .append(esc(id))
                .append("</string>\n      <string>")
                .append(esc(d))
                .append("</string>\n    </entry>\n"));
        mapping.append("  </idToDirectoryNameMap>\n</hudson.model.UserIdMapper>\n");
        return write(home.resolve("users/users.xml"), mapping.toString());
    }

    /**
     * Writes any file below the home, for hostile-input tests.
     *
     * @param relative the path below the home
     * @param bytes the content
     * @return this writer
     */
    public SyntheticJenkinsHome raw(String relative, byte[] bytes) {
        try {
            Path file = home.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a large home for benchmarks: {@code jobs} jobs in folders of 100, a mix of freestyle, Pipeline script,
     * Pipeline from SCM and credential bindings; a tenth of them on an app password.
     *
     * @param dir the directory
     * @param jobs how many jobs
     * @param seed makes the home repeatable
     * @return the writer
     */
    public static SyntheticJenkinsHome generate(Path dir, int jobs, long seed) {
        SyntheticJenkinsHome home = at(dir, seed);
        home.systemCredentials(
                List.of(
                        Cred.usernamePassword("bb-app-password", "jane-doe", TestSecrets.appPassword(seed)),
                        Cred.usernamePassword("bb-api-token", "x-bitbucket-api-token-auth", TestSecrets.apiToken(seed)),
                        Cred.secretText("bb-access-token", TestSecrets.accessToken(seed)),
                        Cred.sshKey("deploy-key", "git")),
                List.of());
        int perFolder = 100;
        for (int i = 0; i < jobs; i++) {
            String folder = "team-" + (i / perFolder);
            if (i % perFolder == 0) {
                home.folder(folder);
            }
            String name = folder + "/job-" + i;
            String url = "https://bitbucket.org/acme/repo-" + (i % 977) + ".git";
            String credential = i % 10 == 0 ? "bb-app-password" : "bb-api-token";
            switch (i % 4) {
                case 0 -> home.freestyleJob(name, url, credential, i % 40 == 0);
                case 1 ->
                    home.pipelineJob(
                            name,
                            "pipeline {\n  agent any\n  stages {\n    stage('Build') {\n      steps {\n"
                                    + "        git url: '" + url + "', credentialsId: '" + credential
                                    + "', branch: 'main'\n"
                                    + "        withCredentials([string(credentialsId: 'bb-access-token', variable: 'T')]) {\n"
                                    + "          sh 'make publish'\n        }\n      }\n    }\n  }\n}\n");
                case 2 -> home.pipelineFromScm(name, url, credential);
                default -> home.freestyleJobWithBinding(name, credential);
            }
        }
        return home;
    }

    /**
     * Writes the example home shipped in {@code examples/jenkins-home}.
     *
     * @param dir the directory
     * @return the writer
     */
    public static SyntheticJenkinsHome example(Path dir) {
        SyntheticJenkinsHome home = at(dir, 20260728L);
        home.systemCredentials(
                List.of(
                        Cred.usernamePassword("bitbucket", "jane-doe", TestSecrets.appPassword(101)),
                        Cred.usernamePassword(
                                "bitbucket-api-token", "x-bitbucket-api-token-auth", TestSecrets.apiToken(102)),
                        Cred.secretText("bitbucket-access-token", TestSecrets.accessToken(103)),
                        Cred.sshKey("agent-ssh", "jenkins").scope("SYSTEM")),
                List.of(Cred.usernamePassword("bitbucket-release", "release-bot", TestSecrets.appPassword(104))));
        home.freestyleJob("widget-build", "https://bitbucket.org/acme/widget.git", "bitbucket", false);
        home.pipelineJob(
                "widget-release",
                "pipeline {\n  agent any\n  stages {\n    stage('Release') {\n      steps {\n"
                        + "        git url: 'https://bitbucket.org/acme/widget.git', credentialsId: 'bitbucket-release'\n"
                        + "        withCredentials([usernamePassword(credentialsId: 'bitbucket-api-token',"
                        + " usernameVariable: 'U', passwordVariable: 'P')]) {\n"
                        + "          sh './release.sh'\n        }\n      }\n    }\n  }\n}\n");
        home.folder(
                "payments",
                Cred.usernamePassword("bitbucket", "x-bitbucket-api-token-auth", TestSecrets.apiToken(105)));
        home.freestyleJob("payments/ledger-build", "https://bitbucket.org/acme/ledger.git", "bitbucket", false);
        home.multibranch("payments/ledger", "acme", "ledger", "bitbucket", "main", "feature%2Fpayouts");
        home.multibranch("gateway", "acme", "gateway", "bitbucket", "main");
        home.freestyleJob("legacy-nightly", "https://bitbucket.org/acme/legacy.git", "bitbucket", true);
        home.pipelineFromScm("docs-site", "https://bitbucket.org/acme/docs.git", "bitbucket-access-token");
        home.organizationFolder("acme", "acme", "bitbucket-api-token", "widget", "ledger");
        home.user("jane", Cred.usernamePassword("jane-bitbucket", "jane-doe", TestSecrets.appPassword(106)));
        return home;
    }

    /**
     * Writes a benchmark home or the example home.
     *
     * @param args {@code <dir> <jobs>} or {@code --example <dir>}
     */
    public static void main(String[] args) {
        if (args.length == 2 && args[0].equals("--example")) {
            example(Path.of(args[1]));
            return;
        }
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: SyntheticJenkinsHome <dir> <jobs> | --example <dir>");
        }
        generate(Path.of(args[0]), Integer.parseInt(args[1]), 42L);
    }

    private String domainMap(List<Cred> global, List<Cred> bitbucketDomain, String indent) {
        StringBuilder sb = new StringBuilder();
        sb.append(indent).append("<domainCredentialsMap class=\"hudson.util.CopyOnWriteMap$Hash\">\n");
        sb.append(indent).append("  <entry>\n");
        sb.append(indent).append("    <com.cloudbees.plugins.credentials.domains.Domain>\n");
        sb.append(indent).append("      <specifications/>\n");
        sb.append(indent).append("    </com.cloudbees.plugins.credentials.domains.Domain>\n");
        credentialList(sb, global, indent + "    ");
        sb.append(indent).append("  </entry>\n");
        if (!bitbucketDomain.isEmpty()) {
            sb.append(indent).append("  <entry>\n");
            sb.append(indent).append("    <com.cloudbees.plugins.credentials.domains.Domain>\n");
            sb.append(indent).append("      <name>bitbucket.org</name>\n");
            sb.append(indent).append("      <description>Bitbucket Cloud</description>\n");
            sb.append(indent).append("      <specifications>\n");
            sb.append(indent).append("        <com.cloudbees.plugins.credentials.domains.HostnameSpecification>\n");
            sb.append(indent).append("          <includes>bitbucket.org</includes>\n");
            sb.append(indent).append("        </com.cloudbees.plugins.credentials.domains.HostnameSpecification>\n");
            sb.append(indent).append("      </specifications>\n");
            sb.append(indent).append("    </com.cloudbees.plugins.credentials.domains.Domain>\n");
            credentialList(sb, bitbucketDomain, indent + "    ");
            sb.append(indent).append("  </entry>\n");
        }
        sb.append(indent).append("</domainCredentialsMap>\n");
        return sb.toString();
    }

    private void credentialList(StringBuilder sb, List<Cred> credentials, String indent) {
        if (credentials.isEmpty()) {
            sb.append(indent).append("<java.util.concurrent.CopyOnWriteArrayList/>\n");
            return;
        }
        sb.append(indent).append("<java.util.concurrent.CopyOnWriteArrayList>\n");
        for (Cred c : credentials) {
            String element = c.type().replace("_", "__").replace("$", "_-");
            String in = indent + "    ";
            sb.append(indent).append("  <").append(element).append(">\n");
            sb.append(in).append("<scope>").append(c.scope()).append("</scope>\n");
            sb.append(in).append("<id>").append(esc(c.id())).append("</id>\n");
            sb.append(in).append("<description>synthetic, for tests</description>\n");
            if (c.type().equals(SSH_KEY)) {
                sb.append(in).append("<username>").append(esc(c.username())).append("</username>\n");
                sb.append(in).append("<usernameSecret>false</usernameSecret>\n");
                sb.append(in)
                        .append(
                                "<privateKeySource class=\"com.cloudbees.jenkins.plugins.sshcredentials.impl.BasicSSHUserPrivateKey$DirectEntryPrivateKeySource\">\n");
                sb.append(in)
                        .append("  <privateKey>")
                        .append(encrypt(
                                "-----BEGIN OPENSSH PRIVATE KEY-----\nsynthetic\n-----END OPENSSH PRIVATE KEY-----"))
                        .append("</privateKey>\n");
                sb.append(in).append("</privateKeySource>\n");
            } else if (c.type().equals(SECRET_TEXT)) {
                sb.append(in).append("<secret>").append(encrypt(c.secret())).append("</secret>\n");
            } else {
                sb.append(in).append("<username>").append(esc(c.username())).append("</username>\n");
                sb.append(in).append("<password>").append(encrypt(c.secret())).append("</password>\n");
                sb.append(in)
                        .append("<usernameSecret>")
                        .append(c.usernameSecret())
                        .append("</usernameSecret>\n");
            }
            sb.append(indent).append("  </").append(element).append(">\n");
        }
        sb.append(indent).append("</java.util.concurrent.CopyOnWriteArrayList>\n");
    }

    private static String gitScm(String indent, String url, String credentialsId) {
        return indent + "<scm class=\"hudson.plugins.git.GitSCM\" plugin=\"git@5.7.0\">\n"
                + indent + "  <configVersion>2</configVersion>\n"
                + indent + "  <userRemoteConfigs>\n"
                + indent + "    <hudson.plugins.git.UserRemoteConfig>\n"
                + indent + "      <url>" + esc(url) + "</url>\n"
                + (credentialsId == null
                        ? ""
                        : indent + "      <credentialsId>" + esc(credentialsId) + "</credentialsId>\n")
                + indent + "    </hudson.plugins.git.UserRemoteConfig>\n"
                + indent + "  </userRemoteConfigs>\n"
                + indent + "  <branches>\n" + indent + "    <hudson.plugins.git.BranchSpec>\n"
                + indent + "      <name>*/main</name>\n" + indent + "    </hudson.plugins.git.BranchSpec>\n"
                + indent + "  </branches>\n"
                + indent + "  <doGenerateSubmoduleConfigurations>false</doGenerateSubmoduleConfigurations>\n"
                + indent + "  <submoduleCfg class=\"empty-list\"/>\n"
                + indent + "  <extensions/>\n"
                + indent + "</scm>\n";
    }

    private static String bitbucketSource(String indent, String owner, String repository, String credentialsId) {
        return indent
                + "<source class=\"com.cloudbees.jenkins.plugins.bitbucket.BitbucketSCMSource\" plugin=\"cloudbees-bitbucket-branch-source@936.0.0\">\n"
                + indent + "  <id>" + owner + "-" + repository + "</id>\n"
                + indent + "  <serverUrl>https://bitbucket.org</serverUrl>\n"
                + indent + "  <credentialsId>" + esc(credentialsId) + "</credentialsId>\n"
                + indent + "  <repoOwner>" + esc(owner) + "</repoOwner>\n"
                + indent + "  <repository>" + esc(repository) + "</repository>\n"
                + indent + "  <traits>\n"
                + indent + "    <com.cloudbees.jenkins.plugins.bitbucket.BranchDiscoveryTrait>\n"
                + indent + "      <strategyId>1</strategyId>\n"
                + indent + "    </com.cloudbees.jenkins.plugins.bitbucket.BranchDiscoveryTrait>\n"
                + indent + "  </traits>\n"
                + indent + "</source>\n";
    }

    private static String branchJob(String owner, String repository, String credentialsId, String branch) {
        return HEADER + "<flow-definition plugin=\"workflow-job@1520.v56d65e3b_4566\">\n  <actions/>\n"
                + "  <description></description>\n  <displayName>" + esc(branch) + "</displayName>\n"
                + "  <keepDependencies>false</keepDependencies>\n  <properties>\n"
                + "    <org.jenkinsci.plugins.workflow.multibranch.BranchJobProperty plugin=\"workflow-multibranch@795.ve0cb_1f45ca_9a_\">\n"
                + "      <branch plugin=\"branch-api@2.1208.vf528356feca_4\">\n"
                + "        <sourceId>" + owner + "-" + repository + "</sourceId>\n"
                + "        <head class=\"com.cloudbees.jenkins.plugins.bitbucket.BranchSCMHead\" plugin=\"cloudbees-bitbucket-branch-source@936.0.0\">\n"
                + "          <name>" + esc(branch) + "</name>\n        </head>\n"
                + gitScm("        ", "https://bitbucket.org/" + owner + "/" + repository + ".git", credentialsId)
                + "      </branch>\n    </org.jenkinsci.plugins.workflow.multibranch.BranchJobProperty>\n  </properties>\n"
                + "  <definition class=\"org.jenkinsci.plugins.workflow.multibranch.SCMBinder\" plugin=\"workflow-multibranch@795.ve0cb_1f45ca_9a_\">\n"
                + "    <scriptPath>Jenkinsfile</scriptPath>\n  </definition>\n  <triggers/>\n  <disabled>false</disabled>\n"
                + "</flow-definition>\n";
    }

    private Path itemDir(String fullName) {
        Path dir = home.resolve("jobs");
        String[] parts = fullName.split("/");
        for (int i = 0; i < parts.length; i++) {
            dir = dir.resolve(parts[i]);
            if (i < parts.length - 1) {
                dir = dir.resolve("jobs");
            }
        }
        return dir;
    }

    private SyntheticJenkinsHome write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SyntheticJenkinsHome mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Escapes text for an XML element, as XStream does. */
    public static String esc(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("'", "&apos;")
                .replace("\"", "&quot;");
    }
}
