package io.jenkins.plugins.bitbucketapitoken.core.auth;

import io.jenkins.plugins.bitbucketapitoken.core.BitbucketCloud;
import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.Problem;
import io.jenkins.plugins.bitbucketapitoken.core.secret.SecretKind;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides which username and scheme go with a secret on each channel, following Bitbucket Cloud's rules.
 *
 * <ul>
 *   <li>API token: Git takes the Bitbucket username or {@code x-bitbucket-api-token-auth}, never the e-mail;
 *       REST takes the Atlassian account e-mail with Basic.
 *   <li>Access token: Git takes {@code x-token-auth}; REST takes the token as Bearer.
 *   <li>App password: removed on 2026-07-28; nothing works.
 *   <li>Unknown shape: nothing can be promised; treated as unusable.
 * </ul>
 */
public final class UsernameRules {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s.]+");

    private UsernameRules() {}

    /**
     * Tells whether a text has the shape of an e-mail address.
     *
     * @param text any text
     * @return whether it looks like name@domain.tld
     */
    public static boolean looksLikeEmail(String text) {
        return text != null && EMAIL.matcher(text).matches();
    }

    /**
     * Decides what a credential sends over Git.
     *
     * @param kind the kind of secret
     * @param identity the configured usernames
     * @return the username, the scheme and whether it can work
     */
    public static ChannelAuthentication forGit(SecretKind kind, CredentialIdentity identity) {
        Optional<String> username = identity.username();
        return switch (kind) {
            case API_TOKEN -> {
                String name = username.orElse(BitbucketCloud.API_TOKEN_GIT_USERNAME);
                yield looksLikeEmail(name)
                        ? unusable(
                                Channel.GIT,
                                Optional.of(name),
                                AuthScheme.BASIC,
                                Message.GIT_USERNAME_IS_EMAIL.problem(name))
                        : usable(Channel.GIT, Optional.of(name), AuthScheme.BASIC);
            }
            case ACCESS_TOKEN ->
                username.filter(name -> !name.equals(BitbucketCloud.ACCESS_TOKEN_GIT_USERNAME))
                        .map(name -> unusable(
                                Channel.GIT,
                                Optional.of(name),
                                AuthScheme.BASIC,
                                Message.ACCESS_TOKEN_WRONG_GIT_USERNAME.problem(name)))
                        .orElseGet(() -> usable(
                                Channel.GIT, Optional.of(BitbucketCloud.ACCESS_TOKEN_GIT_USERNAME), AuthScheme.BASIC));
            case APP_PASSWORD, UNKNOWN -> unusable(Channel.GIT, username, AuthScheme.BASIC);
        };
    }

    /**
     * Decides what a credential sends to the REST API.
     *
     * @param kind the kind of secret
     * @param identity the configured usernames
     * @return the username, the scheme and whether it can work
     */
    public static ChannelAuthentication forRest(SecretKind kind, CredentialIdentity identity) {
        return switch (kind) {
            case API_TOKEN -> restForApiToken(identity);
            case ACCESS_TOKEN -> usable(Channel.REST, Optional.empty(), AuthScheme.BEARER);
            case APP_PASSWORD, UNKNOWN ->
                unusable(Channel.REST, identity.email().or(identity::username), AuthScheme.BASIC);
        };
    }

    private static ChannelAuthentication restForApiToken(CredentialIdentity identity) {
        Optional<String> email = identity.email();
        if (email.isPresent()) {
            return looksLikeEmail(email.get())
                    ? usable(Channel.REST, email, AuthScheme.BASIC)
                    : unusable(Channel.REST, email, AuthScheme.BASIC, Message.EMAIL_INVALID.problem(email.get()));
        }
        Optional<String> username = identity.username();
        if (username.filter(UsernameRules::looksLikeEmail).isPresent()) {
            return usable(Channel.REST, username, AuthScheme.BASIC);
        }
        Problem problem = username.filter(name -> !name.equals(BitbucketCloud.API_TOKEN_GIT_USERNAME))
                .map(Message.REST_USERNAME_NOT_EMAIL::problem)
                .orElseGet(Message.REST_NEEDS_EMAIL::problem);
        return unusable(Channel.REST, Optional.empty(), AuthScheme.BASIC, problem);
    }

    private static ChannelAuthentication usable(Channel channel, Optional<String> username, AuthScheme scheme) {
        return new ChannelAuthentication(channel, true, username, scheme, List.of());
    }

    private static ChannelAuthentication unusable(
            Channel channel, Optional<String> username, AuthScheme scheme, Problem... problems) {
        return new ChannelAuthentication(channel, false, username, scheme, List.of(problems));
    }
}
