package io.jenkins.plugins.bitbucketapitoken;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.util.FormValidation;
import io.jenkins.plugins.bitbucketapitoken.core.Validated;
import io.jenkins.plugins.bitbucketapitoken.core.repo.BitbucketEndpoints;
import jenkins.model.GlobalConfiguration;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * Holds the Bitbucket Cloud base URLs, the only hosts the plugin sends tokens to. Blank means Bitbucket Cloud's
 * own; another value is for a trusted proxy or mirror (and for tests).
 */
@Extension
@Symbol("bitbucketApiToken")
public class BitbucketApiTokenConfiguration extends GlobalConfiguration {

    @CheckForNull
    private String apiUrl;

    @CheckForNull
    private String gitUrl;

    /** Loads the saved configuration. */
    public BitbucketApiTokenConfiguration() {
        load();
    }

    @NonNull
    @Override
    public String getDisplayName() {
        return Messages.BitbucketApiTokenConfiguration_DisplayName();
    }

    /** Returns the one instance. */
    @NonNull
    public static BitbucketApiTokenConfiguration get() {
        return ExtensionList.lookupSingleton(BitbucketApiTokenConfiguration.class);
    }

    @CheckForNull
    public String getApiUrl() {
        return apiUrl;
    }

    /**
     * Sets the REST API base URL.
     *
     * @param apiUrl the base, or blank for {@code https://api.bitbucket.org/2.0}
     */
    @DataBoundSetter
    public void setApiUrl(@CheckForNull String apiUrl) {
        String url = Util.fixEmptyAndTrim(apiUrl);
        refuse(BitbucketEndpoints.of(url, null), "apiUrl");
        this.apiUrl = url;
        save();
    }

    @CheckForNull
    public String getGitUrl() {
        return gitUrl;
    }

    /**
     * Sets the Git base URL.
     *
     * @param gitUrl the base, or blank for {@code https://bitbucket.org}
     */
    @DataBoundSetter
    public void setGitUrl(@CheckForNull String gitUrl) {
        String url = Util.fixEmptyAndTrim(gitUrl);
        refuse(BitbucketEndpoints.of(null, url), "gitUrl");
        this.gitUrl = url;
        save();
    }

    /**
     * Refuses an unusable base URL on save with the form's own message, instead of storing it and then silently
     * using Bitbucket Cloud's.
     */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        for (String field : new String[] {"apiUrl", "gitUrl"}) {
            String value = Util.fixEmptyAndTrim(json.optString(field, ""));
            Validated<BitbucketEndpoints> endpoints =
                    field.equals("apiUrl") ? BitbucketEndpoints.of(value, null) : BitbucketEndpoints.of(null, value);
            if (endpoints.error().isPresent()) {
                throw new FormException(endpoints.error().get().describe(FormValidations.requestLocale()), field);
            }
        }
        return super.configure(req, json);
    }

    /** Refuses an unusable base URL from JCasC or a script, naming the field. */
    private static void refuse(Validated<BitbucketEndpoints> endpoints, String field) {
        endpoints.error().ifPresent(error -> {
            throw new IllegalArgumentException(field + ": " + error.describe());
        });
    }

    /** Returns the configured endpoints; Bitbucket Cloud's own if the saved ones are unusable. */
    @NonNull
    public BitbucketEndpoints endpoints() {
        return BitbucketEndpoints.of(apiUrl, gitUrl).value().orElseGet(BitbucketEndpoints::cloud);
    }

    /** Checks the REST API base URL through core. */
    public FormValidation doCheckApiUrl(StaplerRequest2 request) {
        return check(BitbucketEndpoints.of(FormValidations.raw(request, "value"), null));
    }

    /** Checks the Git base URL through core. */
    public FormValidation doCheckGitUrl(StaplerRequest2 request) {
        return check(BitbucketEndpoints.of(null, FormValidations.raw(request, "value")));
    }

    private static FormValidation check(Validated<BitbucketEndpoints> endpoints) {
        return FormValidations.of(endpoints.problems());
    }
}
