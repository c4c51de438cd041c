package io.jenkins.plugins.bitbucketapitoken.checkout;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.Extension;
import hudson.model.Item;
import hudson.model.ItemGroup;
import java.util.List;
import org.springframework.security.core.Authentication;

/**
 * Lets the Git plugin find, during a {@code bitbucketCheckout} on this thread only, the username/password form of a
 * secret text credential (an access token with {@code x-token-auth}), under the secret text's own id. Nothing is
 * stored and no other lookup sees it.
 */
@Extension
public class SecretTextAsUsernamePassword extends CredentialsProvider {

    @NonNull
    @Override
    public <C extends Credentials> List<C> getCredentialsInItemGroup(
            @NonNull Class<C> type,
            @Nullable ItemGroup itemGroup,
            @Nullable Authentication authentication,
            @NonNull List<DomainRequirement> domainRequirements) {
        return CheckoutScope.current()
                .flatMap(CheckoutScope::derived)
                .filter(type::isInstance)
                .map(c -> List.of(type.cast(c)))
                .orElse(List.of());
    }

    @NonNull
    @Override
    public <C extends Credentials> List<C> getCredentialsInItem(
            @NonNull Class<C> type,
            @NonNull Item item,
            @Nullable Authentication authentication,
            @NonNull List<DomainRequirement> domainRequirements) {
        return getCredentialsInItemGroup(type, item.getParent(), authentication, domainRequirements);
    }
}
