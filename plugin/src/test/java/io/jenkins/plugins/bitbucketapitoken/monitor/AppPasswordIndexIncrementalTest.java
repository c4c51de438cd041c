package io.jenkins.plugins.bitbucketapitoken.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.hudson.plugins.folder.properties.FolderCredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.cloudbees.plugins.credentials.domains.DomainCredentials;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.util.Secret;
import io.jenkins.plugins.bitbucketapitoken.core.audit.CredentialRecord;
import io.jenkins.plugins.bitbucketapitoken.core.audit.StoreRef;
import io.jenkins.plugins.bitbucketapitoken.core.testing.TestSecrets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Checks that the index follows saves and renames by touching only what they can change. */
@WithJenkins
class AppPasswordIndexIncrementalTest {

    private JenkinsRule j;
    private Folder alpha;
    private Folder beta;

    /** A username/password credential that counts how often its secret is fetched, to decrypt or to digest it. */
    public static final class CountingCredentials extends UsernamePasswordCredentialsImpl {
        static final Map<String, AtomicInteger> READS = new ConcurrentHashMap<>();

        public CountingCredentials(String id, String password) throws Exception {
            super(CredentialsScope.GLOBAL, id, null, "jane-doe", password);
        }

        @Override
        public Secret getPassword() {
            READS.computeIfAbsent(getId(), k -> new AtomicInteger()).incrementAndGet();
            return super.getPassword();
        }

        static int reads(String id) {
            return READS.getOrDefault(id, new AtomicInteger()).get();
        }

        /** Lets Jenkins describe the test type. */
        @TestExtension
        public static final class DescriptorImpl extends UsernamePasswordCredentialsImpl.DescriptorImpl {}
    }

    @BeforeEach
    void givenAppPasswordsInTheSystemStoreAndInAnotherFolder(JenkinsRule rule) throws Exception {
        j = rule;
        SystemCredentialsProvider.getInstance()
                .getCredentials()
                .add(new CountingCredentials("system-legacy", TestSecrets.appPassword(2001)));
        SystemCredentialsProvider.getInstance().save();
        alpha = j.jenkins.createProject(Folder.class, "alpha");
        storeOf(alpha)
                .addCredentials(
                        Domain.global(), new CountingCredentials("alpha-legacy", TestSecrets.appPassword(2002)));
        beta = j.jenkins.createProject(Folder.class, "beta");
        WorkflowJob build = beta.createProject(WorkflowJob.class, "build");
        build.setDefinition(new CpsFlowDefinition(
                "node { git url: 'https://bitbucket.org/acme/widget.git', credentialsId: 'beta-legacy' }", true));
        build.save();
        AppPasswordIndex.get().rebuild();
        AppPasswordIndex.get().settle(); // what setting up queued
        CountingCredentials.READS.clear();
    }

    private static CredentialsStore storeOf(Folder folder) throws Exception {
        FolderCredentialsProvider.FolderCredentialsProperty property =
                folder.getProperties().get(FolderCredentialsProvider.FolderCredentialsProperty.class);
        if (property == null) {
            property = new FolderCredentialsProvider.FolderCredentialsProperty(new DomainCredentials[0]);
            folder.addProperty(property);
        }
        return property.getStore();
    }

    @Test
    void shouldReadOnlyTheSavedFolderStoreAndDecryptOnlyTheNewSecret() throws Exception {
        AppPasswordIndex index = AppPasswordIndex.get();
        long classifiedBefore = index.secretKinds().classifications();

        storeOf(beta)
                .addCredentials(Domain.global(), new CountingCredentials("beta-legacy", TestSecrets.appPassword(2003)));
        index.settle();

        assertThat(CountingCredentials.reads("system-legacy")).isZero();
        assertThat(CountingCredentials.reads("alpha-legacy")).isZero();
        assertThat(index.secretKinds().classifications() - classifiedBefore).isEqualTo(1);
        assertThat(index.summary().items()).containsExactly("beta/build");
        assertThat(index.summary().appPasswordCredentials())
                .extracting(c -> c.store().id() + ":" + c.id())
                .containsExactly("folder:alpha:alpha-legacy", "folder:beta:beta-legacy", "system:system-legacy");
    }

    @Test
    void shouldFollowAFolderRenameWithoutReadingOrDecryptingAnyStore() throws Exception {
        storeOf(beta)
                .addCredentials(Domain.global(), new CountingCredentials("beta-legacy", TestSecrets.appPassword(2004)));
        AppPasswordIndex index = AppPasswordIndex.get();
        index.settle();
        CountingCredentials.READS.clear();
        long classifiedBefore = index.secretKinds().classifications();

        beta.renameTo("gamma");
        index.settle();

        assertThat(index.summary().items()).containsExactly("gamma/build");
        assertThat(index.summary().appPasswordCredentials())
                .extracting(CredentialRecord::store)
                .extracting(Object::toString)
                .contains("folder:gamma")
                .doesNotContain("folder:beta");
        assertThat(index.secretKinds().classifications()).isEqualTo(classifiedBefore);
        assertThat(CountingCredentials.reads("system-legacy")).isZero();
        assertThat(CountingCredentials.reads("alpha-legacy")).isZero();
        assertThat(index.impactOf(StoreRef.folder("gamma"), "beta-legacy"))
                .hasValueSatisfying(impact ->
                        assertThat(impact.uses()).extracting(u -> u.item()).containsExactly("gamma/build"));
    }

    @Test
    void shouldForgetAFolderStoreWhenTheFolderIsDeleted() throws Exception {
        AppPasswordIndex index = AppPasswordIndex.get();

        alpha.delete();
        index.settle();

        assertThat(index.summary().appPasswordCredentials())
                .extracting(c -> c.store().id() + ":" + c.id())
                .containsExactly("system:system-legacy");
    }
}
