package io.jenkins.plugins.bitbucketapitoken.core.audit;

import io.jenkins.plugins.bitbucketapitoken.core.BitbucketCloud;
import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.auth.UsernameRules;
import io.jenkins.plugins.bitbucketapitoken.core.secret.SecretShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides what a stored credential is, from everything its store proves, with or without its secret: the rules
 * of {@code docs/audit.md}, "How a credential is judged". Pure; the secret is read, classified and dropped.
 */
final class CredentialJudge {

    private CredentialJudge() {}

    /**
     * Holds what a store says about one credential, the secret as stored (usually encrypted) included.
     *
     * @param type the credential's class name
     * @param username its username, if it has one that is not marked secret
     * @param usernameHidden whether its username is marked secret
     * @param stored its password, secret or token as stored, if any
     * @param overlong whether that field was longer than {@link CredentialsStoreReader#MAX_FIELD}
     * @param bitbucketDomain whether it is in a credentials domain for {@code bitbucket.org}
     */
    record Facts(
            String type,
            Optional<String> username,
            boolean usernameHidden,
            Optional<String> stored,
            boolean overlong,
            boolean bitbucketDomain) {

        /** Checks that no part is missing. */
        Facts {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(stored, "stored");
        }

        /** Does not show the stored secret. */
        @Override
        public String toString() {
            return "Facts[" + type + " " + username.orElse("-") + "]";
        }
    }

    /**
     * Holds a decision: the kind, the evidence for a person, and whether uses may still change it.
     *
     * @param kind the kind
     * @param evidence why
     * @param useDependence whether how items use the credential can still change the kind
     */
    record Judgement(CredentialKind kind, List<String> evidence, UseDependence useDependence) {

        /** Copies the evidence. */
        Judgement {
            evidence = List.copyOf(evidence);
        }
    }

    /**
     * Judges a credential from its store's facts.
     *
     * @param facts what the store says
     * @param decryptor how to read the secret
     * @return the judgement; never shows the secret
     */
    static Judgement judge(Facts facts, SecretDecryptor decryptor) {
        List<String> evidence = new ArrayList<>();
        if (facts.overlong()) {
            evidence.add(Message.EVIDENCE_TOO_LONG.text(CredentialsStoreReader.MAX_FIELD));
            return new Judgement(CredentialKind.OTHER, evidence, UseDependence.NONE);
        }
        boolean carries = CredentialKind.carriesPasswordOrToken(facts.type());
        Optional<String> plain = facts.stored().flatMap(decryptor::plainText);
        if (!carries && plain.isEmpty()) {
            evidence.add(Message.EVIDENCE_NO_SECRET_TYPE.text(AuditReportText.shortType(facts.type())));
            return new Judgement(CredentialKind.OTHER, evidence, UseDependence.NONE);
        }
        if (facts.stored().isEmpty()) {
            evidence.add(Message.EVIDENCE_NO_SECRET_FOUND.text());
            return unreadable(facts, Optional.empty(), evidence);
        }
        String stored = facts.stored().get();
        if (plain.isEmpty()) {
            evidence.add(
                    decryptor.canDecrypt()
                            ? Message.EVIDENCE_DOES_NOT_DECRYPT.text()
                            : Message.EVIDENCE_SECRET_UNREADABLE.text());
            return unreadable(facts, JenkinsSecretDecryptor.plainLengthOfCurrentForm(stored), evidence);
        }
        SecretShape shape = SecretShape.of(plain.get());
        Optional<JenkinsSecretDecryptor.PlainLength> olderForm =
                decryptor.canDecrypt() ? Optional.empty() : JenkinsSecretDecryptor.plainLengthOfOlderForm(stored);
        if (carries && (shape == SecretShape.OTHER || shape == SecretShape.EMPTY) && olderForm.isPresent()) {
            // Without keys, a value that is not recognisably anything may still be encrypted in the older form.
            evidence.add(Message.EVIDENCE_LEGACY_OR_PLAIN.text());
            return unreadable(facts, olderForm, evidence);
        }
        return byShape(shape, facts, evidence);
    }

    /** Judges a credential whose plain secret is known, by its shape and, for the older form, its context. */
    private static Judgement byShape(SecretShape shape, Facts facts, List<String> evidence) {
        switch (shape) {
            case API_TOKEN -> {
                evidence.add(Message.EVIDENCE_SHAPE_API_TOKEN.text());
                return new Judgement(CredentialKind.API_TOKEN, evidence, UseDependence.NONE);
            }
            case ACCESS_TOKEN -> {
                evidence.add(Message.EVIDENCE_SHAPE_ACCESS_TOKEN.text());
                return new Judgement(CredentialKind.ACCESS_TOKEN, evidence, UseDependence.NONE);
            }
            case APP_PASSWORD -> {
                evidence.add(Message.EVIDENCE_SHAPE_APP_PASSWORD.text());
                return new Judgement(CredentialKind.APP_PASSWORD, evidence, UseDependence.NONE);
            }
            case TWENTY_LETTERS_AND_DIGITS, TWENTY_LETTERS -> {
                return olderForm(shape, facts, evidence);
            }
            default -> {
                evidence.add(Message.EVIDENCE_SHAPE_OTHER.text());
                return new Judgement(CredentialKind.OTHER, evidence, UseDependence.NONE);
            }
        }
    }

    /**
     * Judges the older app-password form, 20 letters with or without digits: a username that app passwords never
     * went with refutes it; a domain for bitbucket.org confirms it; otherwise letters and digits are taken for an
     * app password unless every use is elsewhere, and letters alone only when an item uses it with Bitbucket Cloud.
     */
    private static Judgement olderForm(SecretShape shape, Facts facts, List<String> evidence) {
        evidence.add(
                shape == SecretShape.TWENTY_LETTERS_AND_DIGITS
                        ? Message.EVIDENCE_SHAPE_OLDER_APP_PASSWORD.text()
                        : Message.EVIDENCE_SHAPE_TWENTY_LETTERS.text());
        Optional<String> refutation = usernameRefutation(facts);
        if (refutation.isPresent()) {
            evidence.add(refutation.get());
            return new Judgement(CredentialKind.OTHER, evidence, UseDependence.NONE);
        }
        usernameSupport(facts).ifPresent(evidence::add);
        if (facts.bitbucketDomain()) {
            evidence.add(Message.EVIDENCE_BITBUCKET_DOMAIN.text());
            return new Judgement(CredentialKind.APP_PASSWORD, evidence, UseDependence.NONE);
        }
        return shape == SecretShape.TWENTY_LETTERS_AND_DIGITS
                ? new Judgement(CredentialKind.APP_PASSWORD, evidence, UseDependence.USE_ELSEWHERE_REFUTES)
                : new Judgement(CredentialKind.OTHER, evidence, UseDependence.CLOUD_USE_CONFIRMS);
    }

    /**
     * Judges a credential whose secret could not be read: it may be an app password unless its username or the
     * length of its encrypted secret proves otherwise; uses elsewhere may still refute it.
     */
    private static Judgement unreadable(
            Facts facts, Optional<JenkinsSecretDecryptor.PlainLength> length, List<String> evidence) {
        Optional<String> refutation = usernameRefutation(facts);
        if (refutation.isPresent()) {
            evidence.add(refutation.get());
            return new Judgement(CredentialKind.OTHER, evidence, UseDependence.NONE);
        }
        if (length.isPresent()) {
            JenkinsSecretDecryptor.PlainLength l = length.get();
            boolean fits = l.fits(BitbucketCloud.OLD_APP_PASSWORD_LENGTH) || l.fits(BitbucketCloud.APP_PASSWORD_LENGTH);
            if (!fits) {
                evidence.add(Message.EVIDENCE_LENGTH_EXCLUDES.text(l.min(), l.max()));
                return new Judgement(CredentialKind.OTHER, evidence, UseDependence.NONE);
            }
            evidence.add(Message.EVIDENCE_LENGTH_FITS.text(l.min(), l.max()));
        }
        usernameSupport(facts).ifPresent(evidence::add);
        if (facts.bitbucketDomain()) {
            evidence.add(Message.EVIDENCE_BITBUCKET_DOMAIN.text());
        }
        return new Judgement(CredentialKind.UNKNOWN, evidence, UseDependence.USE_ELSEWHERE_REFUTES);
    }

    /** Says why a username proves that the secret is no app password: an e-mail, or a fixed token name. */
    private static Optional<String> usernameRefutation(Facts facts) {
        return facts.username().map(String::strip).flatMap(u -> {
            if (u.equalsIgnoreCase(BitbucketCloud.API_TOKEN_GIT_USERNAME)) {
                return Optional.of(Message.EVIDENCE_USERNAME_API_TOKEN.text(u));
            }
            if (u.equalsIgnoreCase(BitbucketCloud.ACCESS_TOKEN_GIT_USERNAME)) {
                return Optional.of(Message.EVIDENCE_USERNAME_ACCESS_TOKEN.text(u));
            }
            if (UsernameRules.looksLikeEmail(u)) {
                return Optional.of(Message.EVIDENCE_USERNAME_EMAIL.text(u));
            }
            return Optional.empty();
        });
    }

    /** Says what the username adds when it refutes nothing: a plain name, or that it is marked secret. */
    private static Optional<String> usernameSupport(Facts facts) {
        if (facts.usernameHidden()) {
            return Optional.of(Message.EVIDENCE_USERNAME_HIDDEN.text());
        }
        return facts.username().map(u -> Message.EVIDENCE_USERNAME_PLAIN.text(u.strip()));
    }
}
