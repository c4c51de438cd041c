package io.jenkins.plugins.bitbucketapitoken.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MessageTest {

    @ParameterizedTest
    @EnumSource(Message.class)
    void shouldTellThePersonWhatToDoWheneverSomethingIsWrong(Message message) {
        if (message.severity() != Severity.INFO) {
            assertThat(message.action()).as(message.name()).isNotBlank();
        }
        assertThat(message.text()).as(message.name()).isNotBlank();
    }

    @Test
    void shouldFillPositionalArguments() {
        Problem problem = Message.EMAIL_INVALID.problem("jane");

        assertThat(problem.message()).isEqualTo("jane does not look like an e-mail address.");
        assertThat(problem.severity()).isEqualTo(Severity.ERROR);
        assertThat(problem.isError()).isTrue();
        assertThat(problem.describe()).startsWith(problem.message()).endsWith(problem.action());
    }

    @Test
    void shouldTakeDatesAndNamesFromTheOneCatalogueOfFacts() {
        assertThat(Message.APP_PASSWORD.text("x")).contains(BitbucketCloud.APP_PASSWORDS_REMOVED.toString());
        assertThat(Message.GIT_USERNAME_IS_EMAIL.action()).contains(BitbucketCloud.API_TOKEN_GIT_USERNAME);
        assertThat(Message.ACCESS_TOKEN_WRONG_GIT_USERNAME.text("x"))
                .contains(BitbucketCloud.ACCESS_TOKEN_GIT_USERNAME);
    }
}
