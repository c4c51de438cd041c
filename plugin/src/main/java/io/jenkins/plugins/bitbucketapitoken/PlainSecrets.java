package io.jenkins.plugins.bitbucketapitoken;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import java.util.Optional;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/** Reads the plain secret of the credential kinds core can classify: API tokens, passwords and secret texts. */
public final class PlainSecrets {

    private PlainSecrets() {}

    /**
     * Returns a credential's secret in plain text, for core to classify or send; never log it.
     *
     * @param credentials any credential
     * @return the token, password or secret text; empty for other kinds (SSH keys, certificates)
     */
    public static Optional<String> of(Credentials credentials) {
        if (credentials instanceof StandardUsernamePasswordCredentials userPass) {
            return Optional.of(userPass.getPassword().getPlainText());
        }
        if (credentials instanceof StringCredentials text) {
            return Optional.of(text.getSecret().getPlainText());
        }
        return Optional.empty();
    }
}
