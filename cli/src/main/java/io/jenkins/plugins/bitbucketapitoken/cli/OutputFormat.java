package io.jenkins.plugins.bitbucketapitoken.cli;

/** Names the output formats a command offers. */
enum OutputFormat {
    text,
    json
}
