package io.jenkins.plugins.bitbucketapitoken.core.audit;

import java.util.Objects;
import java.util.Optional;

/**
 * Says that an item's configuration names a credential id.
 *
 * @param credentialsId the id as written
 * @param where the part of the configuration it was found in
 * @param host the host the id is used with, when the configuration says so plainly: the host of a Git remote's
 *     URL, of a Bitbucket source's server ({@code bitbucket.org} without one), of a GitHub source
 *     ({@code github.com} without an API URL); empty when it does not say (bindings, scripts, other places)
 * @param channel over which channel the use reaches Bitbucket, and so what an in-place replacement does to it
 * @param fix for a use a replacement would break, the exact change that keeps it working
 */
public record CredentialReference(
        String credentialsId, ReferenceSource where, Optional<String> host, UseChannel channel, Optional<String> fix) {

    /** Checks that no part is missing. */
    public CredentialReference {
        Objects.requireNonNull(credentialsId, "credentialsId");
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(fix, "fix");
    }

    /**
     * Creates a reference whose channel follows from where it was found ({@link UseChannel#of}).
     *
     * @param credentialsId the id as written
     * @param where the part of the configuration it was found in
     * @param host the host the id is used with, or empty
     */
    public CredentialReference(String credentialsId, ReferenceSource where, Optional<String> host) {
        this(credentialsId, where, host, UseChannel.of(where), Optional.empty());
    }

    /**
     * Creates a reference whose host the configuration does not say.
     *
     * @param credentialsId the id as written
     * @param where the part of the configuration it was found in
     */
    public CredentialReference(String credentialsId, ReferenceSource where) {
        this(credentialsId, where, Optional.empty());
    }

    /**
     * Creates a reference of a known channel whose host the configuration does not say.
     *
     * @param credentialsId the id as written
     * @param where the part of the configuration it was found in
     * @param channel its channel
     */
    public CredentialReference(String credentialsId, ReferenceSource where, UseChannel channel) {
        this(credentialsId, where, Optional.empty(), channel, Optional.empty());
    }

    /**
     * Returns the same reference with the host it is used with.
     *
     * @param newHost the host, or empty when unknown
     * @return the reference
     */
    public CredentialReference withHost(Optional<String> newHost) {
        return new CredentialReference(credentialsId, where, newHost, channel, fix);
    }

    /** Tells whether the reference is used with a host that is not Bitbucket Cloud's, so no app password matters. */
    public boolean isUsedWithAnotherHost() {
        return host.filter(h -> !BitbucketUrls.isCloudHost(h)).isPresent();
    }

    /** Tells whether the reference is used with Bitbucket Cloud, as its configuration says plainly. */
    public boolean isUsedWithBitbucketCloud() {
        return host.filter(BitbucketUrls::isCloudHost).isPresent();
    }
}
