package io.jenkins.plugins.bitbucketapitoken.core.timeline;

import io.jenkins.plugins.bitbucketapitoken.core.BitbucketCloud;
import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.Severity;
import java.time.LocalDate;
import java.util.Optional;

/** Names the stages of Bitbucket Cloud's removal of app passwords, in order. */
public enum DeprecationPhase {
    /** App passwords work and can be created. */
    ACTIVE(Optional.empty(), Message.PHASE_ACTIVE),
    /** App passwords work, but no new ones can be created. */
    CREATION_DISABLED(Optional.of(BitbucketCloud.APP_PASSWORD_CREATION_DISABLED), Message.PHASE_CREATION_DISABLED),
    /** App passwords fail during daily brownout windows. */
    BROWNOUT(Optional.of(BitbucketCloud.APP_PASSWORD_BROWNOUTS_BEGIN), Message.PHASE_BROWNOUT),
    /** App passwords no longer work at all. */
    REMOVED(Optional.of(BitbucketCloud.APP_PASSWORDS_REMOVED), Message.PHASE_REMOVED);

    private final Optional<LocalDate> start;
    private final Message message;

    DeprecationPhase(Optional<LocalDate> start, Message message) {
        this.start = start;
        this.message = message;
    }

    /** Returns the first day (UTC) of this phase; empty for {@link #ACTIVE}, which has always been. */
    public Optional<LocalDate> start() {
        return start;
    }

    /** Returns how urgent app passwords are in this phase. */
    public Severity severity() {
        return message.severity();
    }

    /** Returns what this phase means for a person and what to do. */
    public Message message() {
        return message;
    }

    /** Tells whether app passwords fail, at least some of the time, in this phase. */
    public boolean breaksAppPasswords() {
        return compareTo(BROWNOUT) >= 0;
    }
}
