package io.jenkins.plugins.bitbucketapitoken.core.auth;

import io.jenkins.plugins.bitbucketapitoken.core.Problem;
import java.util.List;
import java.util.Optional;

/**
 * Says what to send on one channel and whether it can work.
 *
 * @param channel Git or REST
 * @param usable whether Bitbucket can accept it, as far as can be told offline
 * @param username the username to send; empty for Bearer
 * @param scheme how the secret travels
 * @param problems why it cannot work, or what to watch; empty when all is well
 */
public record ChannelAuthentication(
        Channel channel, boolean usable, Optional<String> username, AuthScheme scheme, List<Problem> problems) {

    /** Copies the problem list so that the value stays immutable. */
    public ChannelAuthentication {
        problems = List.copyOf(problems);
    }
}
