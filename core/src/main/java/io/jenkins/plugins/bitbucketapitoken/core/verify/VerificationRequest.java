package io.jenkins.plugins.bitbucketapitoken.core.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.bitbucketapitoken.core.BitbucketCloud;
import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.auth.Channel;
import io.jenkins.plugins.bitbucketapitoken.core.auth.Credential;
import io.jenkins.plugins.bitbucketapitoken.core.auth.CredentialAssessment;
import io.jenkins.plugins.bitbucketapitoken.core.repo.RepositoryRef;
import io.jenkins.plugins.bitbucketapitoken.core.secret.SecretKind;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Verifies one credential once: set the options, then {@link #call()}.
 *
 * <p>By default the REST channel is checked, and the Git channel too when a repository is given (Git can only
 * be checked on a repository). The happy path costs at most two REST requests and one Git advertisement per
 * channel checked (two with {@link #checkPush(boolean)}).
 */
public final class VerificationRequest {

    private static final String GIT_USER_AGENT = "git/2.0 (bitbucket-api-token)";

    private final CredentialVerifier verifier;
    private final Credential credential;
    private Optional<RepositoryRef> repository = Optional.empty();
    private boolean checkPush;
    private Optional<Set<Channel>> channels = Optional.empty();
    private boolean called;

    VerificationRequest(CredentialVerifier verifier, Credential credential) {
        this.verifier = verifier;
        this.credential = credential;
    }

    /**
     * Checks this repository too: {@code GET /2.0/repositories/...} on REST, its advertisement on Git.
     *
     * @param repository the repository; its clone URL must be below the configured Git base URL
     * @return this request
     */
    public VerificationRequest repository(RepositoryRef repository) {
        this.repository = Optional.of(Objects.requireNonNull(repository, "repository"));
        return this;
    }

    /**
     * Checks write access too, with the receive-pack advertisement; nothing is pushed.
     *
     * @param checkPush whether to check write access
     * @return this request
     */
    public VerificationRequest checkPush(boolean checkPush) {
        this.checkPush = checkPush;
        return this;
    }

    /**
     * Chooses the channels to check; the Git channel needs a {@link #repository(RepositoryRef)}.
     *
     * @param channels at least one channel
     * @return this request
     */
    public VerificationRequest channels(Set<Channel> channels) {
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("choose at least one channel");
        }
        this.channels = Optional.of(EnumSet.copyOf(channels));
        return this;
    }

    /**
     * Sends the checks and explains every failure.
     *
     * <p>Never throws for what Bitbucket or the network does: those become {@link Diagnosis diagnoses}.
     *
     * @return what works and what does not
     * @throws IllegalArgumentException when the Git channel or a push check is asked for without a repository
     * @throws IllegalStateException when called a second time
     * @throws io.jenkins.plugins.bitbucketapitoken.core.BitbucketApiTokenException when the repository is not
     *     below the configured Git base URL (nothing is sent then)
     */
    public VerificationReport call() {
        if (called) {
            throw new IllegalStateException("a VerificationRequest can be called only once");
        }
        called = true;
        Set<Channel> chosen = channels.orElseGet(
                () -> repository.isPresent() ? EnumSet.allOf(Channel.class) : EnumSet.of(Channel.REST));
        if (chosen.contains(Channel.GIT) && repository.isEmpty()) {
            throw new IllegalArgumentException("the Git channel can only be checked on a repository");
        }
        if (checkPush && !chosen.contains(Channel.GIT)) {
            throw new IllegalArgumentException("a push check needs the Git channel and a repository");
        }
        repository.ifPresent(verifier::requireTrustedRepository);
        CredentialAssessment sent = credential.assess();
        HttpCaller caller = verifier.caller();
        List<Diagnosis> diagnoses = new ArrayList<>();
        Optional<RestCheck> rest =
                chosen.contains(Channel.REST) ? Optional.of(checkRest(caller, sent, diagnoses)) : Optional.empty();
        Optional<GitCheck> git =
                chosen.contains(Channel.GIT) ? Optional.of(checkGit(caller, sent, diagnoses)) : Optional.empty();
        return new VerificationReport(rest, git, diagnoses);
    }

    private RestCheck checkRest(HttpCaller caller, CredentialAssessment sent, List<Diagnosis> diagnoses) {
        Optional<String> authorization = CredentialVerifier.restAuthorization(sent.rest(), credential);
        if (authorization.isEmpty()) {
            diagnoses.add(Diagnosis.of(DiagnosisCode.EMAIL_MISSING, Channel.REST));
            return new RestCheck(false, OptionalInt.empty(), Optional.empty(), List.of());
        }
        URI base = verifier.endpoints().apiUrl();
        Set<String> scopes = new LinkedHashSet<>();
        Optional<String> account = Optional.empty();
        OptionalInt status = OptionalInt.empty();
        boolean ok = true;
        // An access token belongs to a repository, not a person: with a repository, that is what to ask about.
        boolean askUser = !(sent.secret().kind() == SecretKind.ACCESS_TOKEN && repository.isPresent());
        if (askUser) {
            HttpCaller.Outcome user = caller.get(
                    Channel.REST,
                    verifier.endpoints().api(BitbucketCloud.USER_PATH),
                    base,
                    authorization.get(),
                    CredentialVerifier.jsonHeaders());
            if (user.answer().isEmpty()) {
                diagnoses.add(verifier.networkDiagnosis(Channel.REST, user));
                return new RestCheck(false, status, account, List.copyOf(scopes));
            }
            HttpCaller.Answer answer = user.answer().get();
            status = OptionalInt.of(answer.status());
            scopes.addAll(grantedScopes(answer));
            if (answer.isSuccess()) {
                account = CredentialVerifier.json(answer.text()).flatMap(VerificationRequest::accountName);
            } else {
                ok = false;
                diagnoses.add(CredentialVerifier.diagnose(
                        Channel.REST, answer, sent, credential, List.of(BitbucketCloud.SCOPE_READ_USER)));
                if (answer.status() != 403) {
                    // Without a valid login the repository request would fail the same way: spare it.
                    return new RestCheck(false, status, account, List.copyOf(scopes));
                }
            }
        }
        if (repository.isPresent()) {
            HttpCaller.Outcome repo = caller.get(
                    Channel.REST,
                    verifier.repositoryUri(repository.get()),
                    base,
                    authorization.get(),
                    CredentialVerifier.jsonHeaders());
            if (repo.answer().isEmpty()) {
                diagnoses.add(verifier.networkDiagnosis(Channel.REST, repo));
                return new RestCheck(false, status, account, List.copyOf(scopes));
            }
            HttpCaller.Answer answer = repo.answer().get();
            status = OptionalInt.of(answer.status());
            scopes.addAll(grantedScopes(answer));
            if (!answer.isSuccess()) {
                ok = false;
                diagnoses.add(CredentialVerifier.diagnose(
                        Channel.REST, answer, sent, credential, CredentialVerifier.readRepositoryScopes(sent)));
            }
        }
        return new RestCheck(ok, status, account, List.copyOf(scopes));
    }

    private GitCheck checkGit(HttpCaller caller, CredentialAssessment sent, List<Diagnosis> diagnoses) {
        RepositoryRef repo = repository.orElseThrow();
        String username = sent.git()
                .username()
                .orElse(
                        sent.secret().kind() == SecretKind.ACCESS_TOKEN
                                ? BitbucketCloud.ACCESS_TOKEN_GIT_USERNAME
                                : BitbucketCloud.API_TOKEN_GIT_USERNAME);
        String authorization = CredentialVerifier.basic(username, credential);
        boolean accessToken = sent.secret().kind() == SecretKind.ACCESS_TOKEN;
        List<String> readScopes = CredentialVerifier.readRepositoryScopes(sent);
        Advertised read =
                advertisement(caller, repo, BitbucketCloud.GIT_UPLOAD_PACK, authorization, sent, readScopes, diagnoses);
        if (!read.ok() || !checkPush) {
            return new GitCheck(read.ok(), read.status(), Optional.empty());
        }
        List<String> writeScopes = Stream.concat(
                        readScopes.stream(),
                        Stream.of(
                                accessToken
                                        ? BitbucketCloud.ACCESS_TOKEN_SCOPE_WRITE_REPOSITORY
                                        : BitbucketCloud.SCOPE_WRITE_REPOSITORY))
                .toList();
        Advertised write = advertisement(
                caller, repo, BitbucketCloud.GIT_RECEIVE_PACK, authorization, sent, writeScopes, diagnoses);
        return new GitCheck(write.ok(), read.status(), Optional.of(new PushCheck(write.ok(), write.status())));
    }

    private record Advertised(boolean ok, OptionalInt status) {}

    private Advertised advertisement(
            HttpCaller caller,
            RepositoryRef repo,
            String service,
            String authorization,
            CredentialAssessment sent,
            List<String> neededScopes,
            List<Diagnosis> diagnoses) {
        URI uri = URI.create(repo.cloneUrl() + "/info/refs?service=" + service);
        HttpCaller.Outcome outcome = caller.get(
                Channel.GIT,
                uri,
                verifier.endpoints().gitUrl(),
                authorization,
                Map.of("Accept", "*/*", "User-Agent", GIT_USER_AGENT));
        if (outcome.answer().isEmpty()) {
            diagnoses.add(verifier.networkDiagnosis(Channel.GIT, outcome));
            return new Advertised(false, OptionalInt.empty());
        }
        HttpCaller.Answer answer = outcome.answer().get();
        OptionalInt status = OptionalInt.of(answer.status());
        if (!answer.isSuccess()) {
            diagnoses.add(CredentialVerifier.diagnose(Channel.GIT, answer, sent, credential, neededScopes));
            return new Advertised(false, status);
        }
        if (GitAdvertisement.refCount(answer.body(), service).isEmpty()) {
            diagnoses.add(Diagnosis.of(
                    DiagnosisCode.UNKNOWN_RESPONSE,
                    Channel.GIT,
                    Message.DIAGNOSIS_NOT_GIT,
                    verifier.endpoints().gitUrl()));
            return new Advertised(false, status);
        }
        return new Advertised(true, status);
    }

    private static List<String> grantedScopes(HttpCaller.Answer answer) {
        List<String> fromHeader =
                ScopeList.parse(answer.header(BitbucketCloud.SCOPES_HEADER).orElse(null));
        if (!fromHeader.isEmpty() || answer.isSuccess()) {
            return fromHeader;
        }
        return BitbucketErrorBody.parse(answer.text()).granted();
    }

    private static Optional<String> accountName(JsonNode user) {
        return Stream.of("username", "nickname", "display_name")
                .map(field -> user.path(field))
                .filter(JsonNode::isTextual)
                .map(JsonNode::asText)
                .filter(name -> !name.isBlank())
                .findFirst();
    }
}
