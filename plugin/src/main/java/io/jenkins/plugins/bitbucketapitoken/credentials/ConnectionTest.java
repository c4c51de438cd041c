package io.jenkins.plugins.bitbucketapitoken.credentials;

import hudson.util.FormValidation;
import hudson.util.Secret;
import io.jenkins.plugins.bitbucketapitoken.FormValidations;
import io.jenkins.plugins.bitbucketapitoken.core.repo.BitbucketEndpoints;
import io.jenkins.plugins.bitbucketapitoken.core.verify.ConnectionCheck;
import io.jenkins.plugins.bitbucketapitoken.core.verify.CredentialVerifier;
import java.net.http.HttpClient;
import java.util.stream.Collectors;

/** Shows core's connection check in the credential form. */
final class ConnectionTest {

    private ConnectionTest() {}

    static FormValidation run(
            BitbucketEndpoints endpoints,
            HttpClient http,
            String email,
            Secret token,
            String gitUsername,
            String testRepository) {
        ConnectionCheck.Outcome outcome = ConnectionCheck.run(
                CredentialVerifier.create(http, endpoints),
                email,
                Secret.toString(token),
                gitUsername,
                testRepository,
                FormValidations.requestLocale());
        String text = "<div class=\"bitbucket-api-token-connection\">"
                + outcome.lines().stream().map(FormValidations::linked).collect(Collectors.joining("<br/>"))
                + "</div>";
        return outcome.ok() ? FormValidation.okWithMarkup(text) : FormValidation.errorWithMarkup(text);
    }
}
