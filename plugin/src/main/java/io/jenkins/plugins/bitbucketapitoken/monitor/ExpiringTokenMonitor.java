package io.jenkins.plugins.bitbucketapitoken.monitor;

import hudson.Extension;
import hudson.model.AdministrativeMonitor;
import io.jenkins.plugins.bitbucketapitoken.Messages;
import io.jenkins.plugins.bitbucketapitoken.core.Problem;
import io.jenkins.plugins.bitbucketapitoken.core.auth.TokenExpiry;
import io.jenkins.plugins.bitbucketapitoken.core.monitor.ExpiringTokens;
import io.jenkins.plugins.bitbucketapitoken.credentials.BitbucketApiTokenCredentials;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import org.jenkinsci.Symbol;

/**
 * Warns about Bitbucket API token credentials whose recorded expiry date is within 30 days or past: API tokens
 * cannot be extended, so the builds that use them will fail on that day.
 */
@Extension
@Symbol("bitbucketApiTokenExpiry")
public class ExpiringTokenMonitor extends AdministrativeMonitor {

    /** Creates the monitor with its stable id. */
    public ExpiringTokenMonitor() {
        super("bitbucketApiTokenExpiry");
    }

    @Override
    public String getDisplayName() {
        return Messages.ExpiringTokenMonitor_DisplayName();
    }

    @Override
    public boolean isActivated() {
        return getExpiring().isActive();
    }

    /** The expired and expiring tokens of the local stores, judged today. */
    public ExpiringTokens getExpiring() {
        return ExpiringTokens.of(
                AppPasswordIndex.get().apiTokenCandidates().stream()
                        .map(found -> new ExpiringTokens.Candidate(
                                found.record().store(), found.record().id(), expiryOf((BitbucketApiTokenCredentials)
                                        found.credentials())))
                        .toList(),
                Clock.systemUTC());
    }

    /** The headline: how many tokens and what to do. */
    public Problem getHeadline() {
        return getExpiring().headline();
    }

    private static Optional<LocalDate> expiryOf(BitbucketApiTokenCredentials credentials) {
        return TokenExpiry.parse(credentials.getExpiry()).value().flatMap(date -> date);
    }
}
