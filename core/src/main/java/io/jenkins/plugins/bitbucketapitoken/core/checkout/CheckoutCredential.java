package io.jenkins.plugins.bitbucketapitoken.core.checkout;

import io.jenkins.plugins.bitbucketapitoken.core.BitbucketCloud;
import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.Problem;
import io.jenkins.plugins.bitbucketapitoken.core.auth.ChannelAuthentication;
import io.jenkins.plugins.bitbucketapitoken.core.auth.CredentialIdentity;
import io.jenkins.plugins.bitbucketapitoken.core.auth.UsernameRules;
import io.jenkins.plugins.bitbucketapitoken.core.secret.SecretClassification;
import io.jenkins.plugins.bitbucketapitoken.core.secret.SecretClassifier;
import io.jenkins.plugins.bitbucketapitoken.core.secret.SecretKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides, before git runs, whether a credential can check out from Bitbucket Cloud and which Git username it
 * sends. Certain failures stop the checkout with their fix (an app password, a damaged token, an e-mail as Git
 * username); an unknown secret shape only warns, because Atlassian may change it.
 */
public final class CheckoutCredential {

    /** Names the kinds of Jenkins credential the checkout accepts. */
    public enum Type {
        /** The plugin's own Bitbucket API token credential. */
        API_TOKEN_CREDENTIAL,
        /** A plain username with password. */
        USERNAME_PASSWORD,
        /** A secret text, sent with the fixed name its shape needs. */
        SECRET_TEXT
    }

    /**
     * Says what git will send and what the build log should say.
     *
     * @param gitUsername the Git username to send
     * @param kind what the secret looks like
     * @param identity who the credential is for core's REST calls (the main branch lookup) and diagnosis
     * @param problems errors stop the checkout; warnings go to the log
     */
    public record Decision(String gitUsername, SecretKind kind, CredentialIdentity identity, List<Problem> problems) {

        /** Copies the problem list. */
        public Decision {
            problems = List.copyOf(problems);
        }

        /** Tells whether the checkout must stop before git runs. */
        public boolean blocks() {
            return problems.stream().anyMatch(Problem::isError);
        }
    }

    private CheckoutCredential() {}

    /**
     * Decides for one credential.
     *
     * @param credentialsId the credential's id, shown in messages
     * @param type what kind of Jenkins credential it is
     * @param username its username; empty for secret text
     * @param email the account e-mail of a Bitbucket API token credential; empty for the others
     * @param secret the secret, plain
     * @return the decision
     */
    public static Decision decide(
            String credentialsId, Type type, Optional<String> username, Optional<String> email, String secret) {
        SecretClassification shape = SecretClassifier.classify(secret);
        SecretKind kind = shape.kind();
        String gitUsername =
                switch (type) {
                    case SECRET_TEXT ->
                        kind == SecretKind.ACCESS_TOKEN
                                ? BitbucketCloud.ACCESS_TOKEN_GIT_USERNAME
                                : BitbucketCloud.API_TOKEN_GIT_USERNAME;
                    case API_TOKEN_CREDENTIAL, USERNAME_PASSWORD ->
                        username.orElse(BitbucketCloud.API_TOKEN_GIT_USERNAME);
                };
        List<Problem> problems = new ArrayList<>();
        switch (kind) {
            case APP_PASSWORD -> problems.add(Message.CHECKOUT_APP_PASSWORD.problem(credentialsId));
            case API_TOKEN, ACCESS_TOKEN -> {
                shape.problems().stream().filter(Problem::isError).forEach(problems::add);
                ChannelAuthentication git =
                        UsernameRules.forGit(kind, new CredentialIdentity(Optional.of(gitUsername), Optional.empty()));
                problems.addAll(git.problems());
            }
            case UNKNOWN ->
                problems.add(
                        SecretClassifier.withoutWhitespace(secret).isEmpty()
                                ? Message.SECRET_EMPTY.problem()
                                : Message.UNKNOWN_SHAPE_MAY_WORK.problem());
        }
        return new Decision(gitUsername, kind, new CredentialIdentity(Optional.of(gitUsername), email), problems);
    }
}
