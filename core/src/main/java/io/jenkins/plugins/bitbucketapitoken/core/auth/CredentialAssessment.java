package io.jenkins.plugins.bitbucketapitoken.core.auth;

import io.jenkins.plugins.bitbucketapitoken.core.Problem;
import io.jenkins.plugins.bitbucketapitoken.core.secret.SecretClassification;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges a whole credential offline: what its secret is and what it sends on each channel.
 *
 * @param secret what the secret is
 * @param git what goes over Git, and whether it can work
 * @param rest what goes to the REST API, and whether it can work
 */
public record CredentialAssessment(SecretClassification secret, ChannelAuthentication git, ChannelAuthentication rest) {

    /**
     * Assesses a classified secret with its configured usernames.
     *
     * @param secret the classification of the secret
     * @param identity the configured usernames
     * @return the assessment
     */
    public static CredentialAssessment of(SecretClassification secret, CredentialIdentity identity) {
        ChannelAuthentication git = UsernameRules.forGit(secret.kind(), identity);
        ChannelAuthentication rest = UsernameRules.forRest(secret.kind(), identity);
        if (secret.hasErrors()) {
            git = unusable(git);
            rest = unusable(rest);
        }
        return new CredentialAssessment(secret, git, rest);
    }

    private static ChannelAuthentication unusable(ChannelAuthentication auth) {
        return new ChannelAuthentication(auth.channel(), false, auth.username(), auth.scheme(), auth.problems());
    }

    /** Tells whether at least one channel can work. */
    public boolean isUsableOnAnyChannel() {
        return git.usable() || rest.usable();
    }

    /** Lists every problem found, the secret's first, then Git's, then REST's, without repeats. */
    public List<Problem> problems() {
        List<Problem> all = new ArrayList<>(secret.problems());
        for (Problem p : git.problems()) {
            if (!all.contains(p)) {
                all.add(p);
            }
        }
        for (Problem p : rest.problems()) {
            if (!all.contains(p)) {
                all.add(p);
            }
        }
        return List.copyOf(all);
    }
}
