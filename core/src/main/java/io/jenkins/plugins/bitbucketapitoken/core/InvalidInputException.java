package io.jenkins.plugins.bitbucketapitoken.core;

/** Says that input was asked for as valid with {@link Validated#orElseThrow()} but was not. */
public class InvalidInputException extends BitbucketApiTokenException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception for the first error found in the input.
     *
     * @param problem what is wrong and what to do
     */
    public InvalidInputException(Problem problem) {
        super(problem);
    }
}
