package io.jenkins.plugins.bitbucketapitoken.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bitbucketapitoken.core.LinkedText.Piece;
import org.junit.jupiter.api.Test;

class LinkedTextTest {

    @Test
    void shouldSplitOutEachHttpsAddressWithoutTheSentencesFinalPeriod() {
        assertThat(LinkedText.split("Create one at https://id.atlassian.com/manage-profile/security/api-tokens. Then"
                        + " see https://bitbucket.org/acme/widget, or not."))
                .containsExactly(
                        new Piece("Create one at ", false),
                        new Piece("https://id.atlassian.com/manage-profile/security/api-tokens", true),
                        new Piece(". Then see ", false),
                        new Piece("https://bitbucket.org/acme/widget", true),
                        new Piece(", or not.", false));
    }

    @Test
    void shouldEndAnAddressAtAQuoteOrABracket() {
        assertThat(LinkedText.split("(https://x.example/\"onmouseover=alert(1))"))
                .containsExactly(
                        new Piece("(", false),
                        new Piece("https://x.example/", true),
                        new Piece("\"onmouseover=alert(1))", false));
    }

    @Test
    void shouldLeaveTextWithoutAnHttpsAddressWholeAndNeverLinkPlainHttp() {
        assertThat(LinkedText.split("see http://example.com"))
                .containsExactly(new Piece("see http://example.com", false));
        assertThat(LinkedText.split("")).isEmpty();
    }
}
