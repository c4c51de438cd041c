/**
 * Glue to bitbucket-branch-source, an optional dependency: the classes here load only when it is installed.
 */
package io.jenkins.plugins.bitbucketapitoken.branchsource;
