package io.jenkins.plugins.bitbucketapitoken.credentials;

import com.cloudbees.plugins.credentials.CredentialsSnapshotTaker;
import hudson.Extension;

/**
 * Keeps the credential's type when Jenkins sends it to an agent. Without it, the generic username/password taker
 * would turn it into a plain username/password credential and the e-mail would be lost.
 */
@Extension
public class BitbucketApiTokenCredentialsSnapshotTaker extends CredentialsSnapshotTaker<BitbucketApiTokenCredentials> {

    @Override
    public Class<BitbucketApiTokenCredentials> type() {
        return BitbucketApiTokenCredentials.class;
    }

    /** Returns our own implementation unchanged (it is self-contained) and copies any other implementation. */
    @Override
    public BitbucketApiTokenCredentials snapshot(BitbucketApiTokenCredentials credentials) {
        if (credentials instanceof BitbucketApiTokenCredentialsImpl) {
            return credentials;
        }
        return BitbucketApiTokenCredentialsImpl.copyOf(credentials);
    }
}
