package io.jenkins.plugins.bitbucketapitoken.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.Problem;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecureXmlTest {

    /** Records every event as it comes, so that a second pass over the same document would show. */
    private static final class Recorder implements SecureXml.Handler {
        private final List<String> events = new ArrayList<>();

        @Override
        public void start(String name) {
            events.add("<" + name);
        }

        @Override
        public void text(char[] ch, int start, int length) {
            if (!events.isEmpty() && events.get(events.size() - 1).startsWith("'")) {
                events.set(events.size() - 1, events.get(events.size() - 1) + new String(ch, start, length));
            } else {
                events.add("'" + new String(ch, start, length));
            }
        }

        @Override
        public void end() {
            events.add(">");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-8;", "UTF 8", "-utf8", "no-such-encoding"})
    void shouldReportADeclarationThatNamesNoEncodingAsABadDeclarationNotAsBadBytes(String encoding) {
        // given
        byte[] document = ("<?xml version='1.0' encoding='" + encoding + "'?><project><credentialsId>bb</credentialsId>"
                        + "</project>")
                .getBytes(StandardCharsets.UTF_8);

        // when
        SecureXml.Outcome outcome = SecureXml.parse(document, new Recorder());

        // then
        assertThat(outcome.failed()).isTrue();
        assertThat(outcome.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isNotEqualTo(Message.AUDIT_NOT_UTF8);
            assertThat(p.message()).contains("encoding", encoding);
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {SecureXml.MAX_DEPTH + 1, 200_000})
    void shouldRefuseDocumentsNestedDeeperThanTheLimitWhicheverParserReadsThem(int depth) {
        // given: deeper than the limit, with credential ids at the bottom
        String document = "<project>" + "<a>".repeat(depth - 1) + "<credentialsId>bb</credentialsId>".repeat(1000)
                + "</a>".repeat(depth - 1) + "</project>";
        byte[] bytes = document.getBytes(StandardCharsets.UTF_8);

        // when
        Recorder lean = new Recorder();
        SecureXml.Outcome fromBytes = SecureXml.parse(bytes, lean, SecureXml.Parsers.LEAN_THEN_SAX);
        SecureXml.Outcome saxOnly = SecureXml.parse(bytes, new Recorder(), SecureXml.Parsers.SAX_ONLY);
        SecureXml.Outcome fromText = SecureXml.parse(document, new Recorder());

        // then
        for (SecureXml.Outcome outcome : List.of(fromBytes, saxOnly, fromText)) {
            assertThat(outcome.failed()).isTrue();
            assertThat(outcome.problems()).singleElement().satisfies(p -> {
                assertThat(p.code()).isEqualTo(Message.AUDIT_XML_TOO_DEEP);
                assertThat(p.message()).contains("1024");
            });
        }
    }

    @Test
    void shouldReadDocumentsNestedExactlyAsDeepAsTheLimitOnEitherParser() {
        // given
        String document = "<project>" + "<a>".repeat(SecureXml.MAX_DEPTH - 2) + "<credentialsId>bb</credentialsId>"
                + "</a>".repeat(SecureXml.MAX_DEPTH - 2) + "</project>";
        byte[] bytes = document.getBytes(StandardCharsets.UTF_8);

        // when
        Recorder lean = new Recorder();
        Recorder sax = new Recorder();
        SecureXml.Outcome fromLean = SecureXml.parse(bytes, lean, SecureXml.Parsers.LEAN_THEN_SAX);
        SecureXml.Outcome fromSax = SecureXml.parse(bytes, sax, SecureXml.Parsers.SAX_ONLY);

        // then
        assertThat(fromLean).isEqualTo(SecureXml.Outcome.OK);
        assertThat(fromSax).isEqualTo(SecureXml.Outcome.OK);
        assertThat(lean.events).isEqualTo(sax.events).contains("'bb");
    }

    @Property(tries = 300)
    void shouldFeedTheHandlerOneDocumentOnlyWhateverBadBytesItHolds(@ForAll("documentsWithBadBytes") byte[] document) {
        // given
        Recorder handler = new Recorder();
        Recorder repaired = new Recorder();

        // when
        SecureXml.Outcome outcome = SecureXml.parse(document, handler, SecureXml.Parsers.SAX_ONLY);
        SecureXml.Outcome expected = SecureXml.parse(lenientUtf8(document), repaired);

        // then: the events of the repaired text, once, and a warning that bytes were replaced
        assertThat(outcome.failed()).isFalse();
        assertThat(outcome.problems()).extracting(Problem::code).containsExactly(Message.AUDIT_NOT_UTF8);
        assertThat(expected.failed()).isFalse();
        assertThat(handler.events).isEqualTo(repaired.events);
    }

    @Provide
    Arbitrary<byte[]> documentsWithBadBytes() {
        Arbitrary<String> text = Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(20);
        Arbitrary<byte[]> bad = Arbitraries.of(
                new byte[] {(byte) 0xE9},
                new byte[] {(byte) 0xFF},
                new byte[] {(byte) 0xC3},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0xC0, (byte) 0xAF});
        return Combinators.combine(text, bad, text, Arbitraries.integers().between(0, 3))
                .as((before, junk, after, where) -> {
                    String head = "<project><description>" + before;
                    String tail = after + "</description><scm><credentialsId>bb</credentialsId></scm></project>";
                    if (where == 0) {
                        head = "<?xml version='1.1' encoding='UTF-8'?>\n" + head;
                    }
                    byte[] h = head.getBytes(StandardCharsets.UTF_8);
                    byte[] t = tail.getBytes(StandardCharsets.UTF_8);
                    byte[] all = Arrays.copyOf(h, h.length + junk.length + t.length);
                    System.arraycopy(junk, 0, all, h.length, junk.length);
                    System.arraycopy(t, 0, all, h.length + junk.length, t.length);
                    return all;
                });
    }

    private static String lenientUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
