package io.jenkins.plugins.bitbucketapitoken.branchsource;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.jenkins.plugins.bitbucket.api.BitbucketAuthenticator;
import com.cloudbees.jenkins.plugins.bitbucket.impl.credentials.BitbucketUserAPITokenAuthenticator;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardUsernameCredentials;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.util.Secret;
import io.jenkins.plugins.bitbucketapitoken.core.testing.TestSecrets;
import io.jenkins.plugins.bitbucketapitoken.credentials.BitbucketApiTokenCredentialsImpl;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import jenkins.authentication.tokens.api.AuthenticationTokens;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.core5.http.HttpHeaders;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class BitbucketApiTokenAuthenticatorTest {

    private static final String TOKEN = TestSecrets.apiToken(711);

    private static BitbucketApiTokenCredentialsImpl apiToken(String gitUsername) throws Exception {
        BitbucketApiTokenCredentialsImpl c = new BitbucketApiTokenCredentialsImpl(
                CredentialsScope.GLOBAL, "bb", null, "jane@example.com", Secret.fromString(TOKEN));
        c.setGitUsername(gitUsername);
        return c;
    }

    private static BitbucketAuthenticator convert(String serverUrl, com.cloudbees.plugins.credentials.Credentials c) {
        return AuthenticationTokens.convert(BitbucketAuthenticator.authenticationContext(serverUrl), c);
    }

    @Test
    void shouldAuthenticateRestWithTheEmailAndHandGitTheGitUsername(JenkinsRule j) throws Exception {
        BitbucketAuthenticator authenticator = convert("https://bitbucket.org", apiToken("jane-doe"));

        assertThat(authenticator).isInstanceOf(BitbucketApiTokenAuthenticator.class);
        // branch-source's Cloud client accepts only the authenticator classes it knows
        assertThat(authenticator).isInstanceOf(BitbucketUserAPITokenAuthenticator.class);
        HttpGet request = new HttpGet("https://api.bitbucket.org/2.0/repositories/acme/widget");
        authenticator.configureRequest(request);
        String header = request.getFirstHeader(HttpHeaders.AUTHORIZATION).getValue();
        assertThat(new String(Base64.getDecoder().decode(header.substring("Basic ".length())), StandardCharsets.UTF_8))
                .isEqualTo("jane@example.com:" + TOKEN);
        StandardUsernameCredentials forGit = authenticator.getCredentialsForSCM();
        assertThat(forGit.getUsername()).isEqualTo("jane-doe");
        assertThat(forGit.getId()).isEqualTo("bb");
        assertThat(authenticator.getId()).isEqualTo("bb");
        assertThat(authenticator.toString()).doesNotContain(TOKEN);
    }

    @Test
    void shouldBeChosenWhateverTheTokensLengthAndWithTheDefaultGitUsername(JenkinsRule j) throws Exception {
        // 192 characters is what branch-source's own API-token matcher wants; ours does not care
        for (String token : new String[] {TestSecrets.apiToken(712), TestSecrets.apiToken(713, 150, false)}) {
            BitbucketApiTokenCredentialsImpl c = new BitbucketApiTokenCredentialsImpl(
                    CredentialsScope.GLOBAL, "bb", null, "jane@example.com", Secret.fromString(token));

            BitbucketAuthenticator authenticator = convert("https://bitbucket.org", c);

            assertThat(authenticator).isInstanceOf(BitbucketApiTokenAuthenticator.class);
            assertThat(authenticator.getCredentialsForSCM().getUsername()).isEqualTo("x-bitbucket-api-token-auth");
        }
    }

    @Test
    void shouldNotOfferAnApiTokenToABitbucketDataCenterServer(JenkinsRule j) throws Exception {
        assertThat(convert("https://bitbucket.example.com", apiToken(null)))
                .isNotInstanceOf(BitbucketApiTokenAuthenticator.class);
    }

    @Test
    void shouldLeaveOtherCredentialTypesToBranchSourcesOwnSources(JenkinsRule j) throws Exception {
        UsernamePasswordCredentialsImpl stock = new UsernamePasswordCredentialsImpl(
                CredentialsScope.GLOBAL, "stock", null, "jane@example.com", TestSecrets.apiToken(714));

        assertThat(convert("https://bitbucket.org", stock))
                .isExactlyInstanceOf(BitbucketUserAPITokenAuthenticator.class);
    }
}
