package io.jenkins.plugins.bitbucketapitoken.core.monitor;

import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.Problem;
import io.jenkins.plugins.bitbucketapitoken.core.audit.StoreRef;
import io.jenkins.plugins.bitbucketapitoken.core.auth.TokenExpiry;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds the API-token credentials that have expired or expire within {@value TokenExpiry#WARNING_DAYS} days.
 *
 * @param tokens the expired and expiring tokens, soonest first
 */
public record ExpiringTokens(List<Token> tokens) {

    /**
     * One API-token credential with a recorded expiry date.
     *
     * @param store its store
     * @param id its id
     * @param expiry its expiry date
     * @param state where it stands today
     * @param daysLeft days until the expiry; negative once past
     */
    public record Token(StoreRef store, String id, LocalDate expiry, TokenExpiry.State state, long daysLeft) {}

    /**
     * A credential to judge.
     *
     * @param store its store
     * @param id its id
     * @param expiry its recorded expiry date, if any
     */
    public record Candidate(StoreRef store, String id, Optional<LocalDate> expiry) {}

    /** Copies the list. */
    public ExpiringTokens {
        tokens = List.copyOf(tokens);
    }

    /**
     * Judges credentials on today's date.
     *
     * @param candidates API-token credentials with their expiry dates
     * @param clock where today comes from
     * @return the expired and expiring ones
     */
    public static ExpiringTokens of(List<Candidate> candidates, Clock clock) {
        return new ExpiringTokens(candidates.stream()
                .filter(c -> c.expiry().isPresent())
                .map(c -> new Token(
                        c.store(),
                        c.id(),
                        c.expiry().get(),
                        TokenExpiry.state(c.expiry(), clock),
                        TokenExpiry.daysLeft(c.expiry().get(), clock)))
                .filter(t -> t.state() == TokenExpiry.State.EXPIRED || t.state() == TokenExpiry.State.EXPIRING_SOON)
                .sorted(Comparator.comparingLong(Token::daysLeft).thenComparing(Token::id))
                .toList());
    }

    /** Tells whether the expiry monitor should show. */
    public boolean isActive() {
        return !tokens.isEmpty();
    }

    /** Returns what the expiry monitor says. */
    public Problem headline() {
        return Message.MONITOR_TOKENS_EXPIRING.problem(tokens.size());
    }
}
