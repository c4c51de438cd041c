package io.jenkins.plugins.bitbucketapitoken.cli;

/** Says that the command was used wrongly; the tool prints the message and exits with code 2. */
final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
