/**
 * Jenkins glue for Bitbucket Cloud API tokens: the credential type, the {@code bitbucketCheckout} step and the
 * app-password monitors. Every decision is made by {@code io.jenkins.plugins.bitbucketapitoken.core}; the
 * classes here turn Jenkins objects into core calls and back.
 */
package io.jenkins.plugins.bitbucketapitoken;
