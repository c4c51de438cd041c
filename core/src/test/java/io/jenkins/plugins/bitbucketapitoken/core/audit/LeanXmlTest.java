package io.jenkins.plugins.bitbucketapitoken.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bitbucketapitoken.core.Message;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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

class LeanXmlTest {

    /** Records events as SAX would show them to a collector: adjacent text joined, empty text dropped. */
    private static class Recorder implements SecureXml.Handler {
        private final List<String> events = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();

        @Override
        public void start(String name) {
            throw new AssertionError("both parsers give the class attribute");
        }

        @Override
        public void start(String name, String classAttribute) {
            flush();
            events.add("<" + name + (classAttribute.isEmpty() ? "" : " class=" + classAttribute));
        }

        @Override
        public void text(char[] ch, int start, int length) {
            text.append(ch, start, length);
        }

        @Override
        public void end() {
            flush();
            events.add(">");
        }

        private void flush() {
            if (text.length() > 0) {
                events.add("'" + text);
                text.setLength(0);
            }
        }

        List<String> events() {
            flush();
            return events;
        }
    }

    private static final List<String> NAMES = List.of(
            "project",
            "credentialsId",
            "scanCredentialsId",
            "scm",
            "definition",
            "script",
            "source",
            "navigators",
            "serverUrl",
            "repoOwner",
            "repository",
            "disabled",
            "hudson.plugins.git.UserRemoteConfig",
            "a_-b__c",
            "x-1.y");

    /** Text pieces: plain ones, and ones the lean reader must decline or SAX must refuse. */
    private static final List<String> PIECES = List.of(
            "bb-api-token",
            "https://bitbucket.org/acme/widget.git",
            " ",
            "\n  ",
            "\t",
            "&amp;",
            "&lt;",
            "&gt;",
            "&quot;",
            "&apos;",
            "&#10;",
            "&#xd;",
            "&#x1F600;",
            "&#233;",
            "é€😀",
            "<!-- a comment -->",
            "<![CDATA[credentialsId: 'x' <b> & ]]>",
            "<![CDATA[]]>",
            "]]",
            "]",
            ">",
            "\r\n",
            "\r",
            "&#0;",
            "&#1;",
            "&#X41;",
            "&#x110000;",
            "&foo;",
            "&amp",
            "]]>",
            "<!-- bad -- comment -->",
            "<?pi data?>",
            "\u0085",
            "\u2028",
            "\u0001",
            "\u007f",
            "\u0090",
            "\uFEFF",
            "<",
            "&");

    private static final List<String> HEADERS = List.of(
            "",
            "<?xml version='1.1' encoding='UTF-8'?>\n",
            "<?xml version=\"1.0\"?>",
            "<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n\n",
            "<?xml version = '1.1' encoding = \"UTF-8\"?>",
            "<?xml version='1.2'?>",
            "<?xml version='1.0' encoding='ISO-8859-1'?>",
            "<?xml encoding='UTF-8' version='1.0'?>",
            "<?xml version='1.0'standalone='yes'?>",
            "<!DOCTYPE project [<!ENTITY e 'boom'>]>",
            "<!DOCTYPE project SYSTEM 'http://127.0.0.1:1/x.dtd'>",
            "\uFEFF<?xml version='1.0'?>",
            " <?xml version='1.0'?>",
            "<!-- leading -->\n",
            "<?pi?>");

    private static final List<String> ATTRIBUTES = List.of(
            " class='hudson.plugins.git.GitSCM'",
            " plugin=\"git@5.7.0\"",
            " a='&amp;&#10;&lt;'",
            " a=\"x\"",
            "\n  b = 'y'",
            " class=\"a&amp;b\"",
            " class='a\tb\nc'",
            " a='<'",
            " a='&bad;'",
            " c='unclosed",
            "d='no space'");

    @Provide
    Arbitrary<String> plainDocuments() {
        return documents(0, 18, 0, 5, 0, 5);
    }

    @Provide
    Arbitrary<String> anyDocuments() {
        return documents(0, PIECES.size(), 0, HEADERS.size(), 0, ATTRIBUTES.size());
    }

    private static Arbitrary<String> documents(
            int pieceFrom, int pieceTo, int headerFrom, int headerTo, int attributeFrom, int attributeTo) {
        Arbitrary<String> text = Arbitraries.of(PIECES.subList(pieceFrom, pieceTo))
                .list()
                .ofMaxSize(4)
                .map(l -> String.join("", l));
        Arbitrary<String> attributes = Arbitraries.of(ATTRIBUTES.subList(attributeFrom, attributeTo))
                .list()
                .ofMaxSize(2)
                .uniqueElements(a -> a.strip().substring(0, 1))
                .injectDuplicates(attributeTo > 5 ? 0.1 : 0)
                .map(l -> String.join("", l));
        Arbitrary<String> header = Arbitraries.of(HEADERS.subList(headerFrom, headerTo));
        return Combinators.combine(header, element(3, text, attributes), Arbitraries.of("", "\n", "<!-- end -->\n"))
                .as((h, root, trailer) -> h + root + trailer);
    }

    private static Arbitrary<String> element(int depth, Arbitrary<String> text, Arbitrary<String> attributes) {
        Arbitrary<String> children = depth == 0
                ? text
                : Combinators.combine(
                                text,
                                Arbitraries.lazy(() -> element(depth - 1, text, attributes))
                                        .list()
                                        .ofMaxSize(3),
                                text)
                        .as((before, list, after) -> before + String.join("", list) + after);
        return Combinators.combine(Arbitraries.of(NAMES), attributes, children, Arbitraries.of(false, false, true))
                .as((name, attrs, inner, empty) -> empty && inner.isEmpty()
                        ? "<" + name + attrs + "/>"
                        : "<" + name + attrs + ">" + inner + "</" + name + ">");
    }

    @Provide
    Arbitrary<byte[]> mutatedDocuments() {
        return Combinators.combine(
                        anyDocuments(),
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.doubles().between(0, 1),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(3))
                .as((doc, how, where, junk) -> mutate(doc.getBytes(StandardCharsets.UTF_8), how, where, junk));
    }

    private static byte[] mutate(byte[] doc, int how, double where, byte[] junk) {
        int at = (int) (where * doc.length);
        return switch (how) {
            case 0 -> java.util.Arrays.copyOf(doc, at);
            case 1 -> concat(java.util.Arrays.copyOf(doc, at), junk, java.util.Arrays.copyOfRange(doc, at, doc.length));
            case 2 ->
                concat(
                        java.util.Arrays.copyOf(doc, at),
                        new byte[0],
                        java.util.Arrays.copyOfRange(doc, Math.min(doc.length, at + 1 + junk.length), doc.length));
            default -> doc;
        };
    }

    private static byte[] concat(byte[] a, byte[] b, byte[] c) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length + c.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        System.arraycopy(c, 0, all, a.length + b.length, c.length);
        return all;
    }

    /** Checks the one promise of the lean reader: whatever it accepts, SAX accepts too, with the same events. */
    private static boolean acceptsOnlyWhatSaxAcceptsAlike(byte[] bytes) {
        Recorder lean = new Recorder();
        if (!LeanXml.parse(bytes, lean)) {
            assertThat(lean.events())
                    .as("a declined document leaves the handler untouched")
                    .isEmpty();
            return false;
        }
        Recorder sax = new Recorder();
        SecureXml.Outcome outcome = SecureXml.parse(bytes, sax, SecureXml.Parsers.SAX_ONLY);
        assertThat(outcome)
                .as("SAX must accept what the lean reader accepted: %s", new String(bytes, StandardCharsets.UTF_8))
                .isEqualTo(SecureXml.Outcome.OK);
        assertThat(lean.events()).isEqualTo(sax.events());
        return true;
    }

    @Property(tries = 1500)
    void shouldReadPlainJenkinsStyleDocumentsExactlyAsSaxDoes(@ForAll("plainDocuments") String document) {
        // given
        byte[] bytes = document.getBytes(StandardCharsets.UTF_8);

        // when
        boolean accepted = acceptsOnlyWhatSaxAcceptsAlike(bytes);

        // then
        assertThat(accepted)
                .as("the plain subset is read without SAX: %s", document)
                .isTrue();
    }

    @Property(tries = 3000)
    void shouldNeverAcceptADocumentThatSaxRefusesOrReadsDifferently(@ForAll("anyDocuments") String document) {
        acceptsOnlyWhatSaxAcceptsAlike(document.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 3000)
    void shouldNeverAcceptABrokenDocumentThatSaxRefuses(@ForAll("mutatedDocuments") byte[] document) {
        acceptsOnlyWhatSaxAcceptsAlike(document);
    }

    @Property(tries = 500)
    void shouldGiveTheSameOutcomeWithOrWithoutTheLeanReader(@ForAll("mutatedDocuments") byte[] document) {
        // given
        Recorder withLean = new Recorder();
        Recorder saxOnly = new Recorder();

        // when
        SecureXml.Outcome lean = SecureXml.parse(document, withLean, SecureXml.Parsers.LEAN_THEN_SAX);
        SecureXml.Outcome sax = SecureXml.parse(document, saxOnly, SecureXml.Parsers.SAX_ONLY);

        // then
        assertThat(lean).isEqualTo(sax);
        if (!sax.failed()) {
            assertThat(withLean.events()).isEqualTo(saxOnly.events());
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "<?xml version='1.0'?><!DOCTYPE project [<!ENTITY e 'boom'>]><project>&e;</project>",
                "<!DOCTYPE project [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>]>"
                        + "<project>&b;</project>",
                "<!DOCTYPE project SYSTEM 'http://127.0.0.1:1/evil.dtd'><project/>",
                "<?xml version='1.1'?>\n<!DOCTYPE project [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><project>&x;</project>"
            })
    void shouldLeaveEveryDoctypeToSaxWhichRefusesIt(String document) {
        // given
        byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
        Recorder handler = new Recorder();

        // when
        boolean accepted = LeanXml.parse(bytes, handler);
        SecureXml.Outcome outcome = SecureXml.parse(bytes, new Recorder());

        // then
        assertThat(accepted).isFalse();
        assertThat(handler.events()).isEmpty();
        assertThat(outcome.failed()).isTrue();
        assertThat(outcome.problems().get(0).code())
                .isEqualTo(Message.AUDIT_XML_DOCTYPE.problem().code());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "<project>&e;</project>",
                "<project>\r\n</project>",
                "<project><a></b></project>",
                "<project a='1' a='2'/>",
                "<project>",
                "<project/><project/>",
                "text<project/>",
                "<ns:project/>"
            })
    void shouldDeclineWhatItDoesNotReadExactlyLikeSax(String document) {
        assertThat(LeanXml.parse(document.getBytes(StandardCharsets.UTF_8), new Recorder()))
                .isFalse();
    }

    @Test
    void shouldDeclineBytesThatAreNotUtf8SoThatSaxReportsThem() {
        // given
        byte[] latin1 = "<project><description>caf\u00e9</description></project>".getBytes(StandardCharsets.ISO_8859_1);

        // when
        boolean accepted = LeanXml.parse(latin1, new Recorder());
        SecureXml.Outcome outcome = SecureXml.parse(latin1, new Recorder());

        // then
        assertThat(accepted).isFalse();
        assertThat(outcome.problems())
                .extracting(p -> p.code())
                .containsExactly(Message.AUDIT_NOT_UTF8.problem().code());
    }

    @Test
    void shouldReadTheTextOfReferencesCdataAndCommentsAsSaxDoes() {
        // given
        String document = "<?xml version='1.1' encoding='UTF-8'?>\n<flow-definition plugin='workflow-job@1.0'>"
                + "<script>git credentialsId: &apos;bb&apos; &amp;&#x1F600;<![CDATA[<x>]]><!-- c -->&#xd;</script>"
                + "</flow-definition>\n";
        Recorder handler = new Recorder();

        // when
        boolean accepted = LeanXml.parse(document.getBytes(StandardCharsets.UTF_8), handler);

        // then
        assertThat(accepted).isTrue();
        assertThat(handler.events())
                .containsExactly(
                        "<flow-definition", "<script", "'git credentialsId: 'bb' &\uD83D\uDE00<x>\r", ">", ">");
    }

    @Test
    void shouldLeaveDocumentsWithVeryManyElementsToSaxWhichStreamsThem() {
        // given a small file with more elements than the lean reader keeps in memory
        String document = "<project>" + "<a/>".repeat(LeanXml.MAX_EVENT_INTS / 6 + 1) + "</project>";
        byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
        Recorder handler = new Recorder();

        // when
        boolean accepted = LeanXml.parse(bytes, handler);
        SecureXml.Outcome outcome = SecureXml.parse(bytes, new Recorder());

        // then
        assertThat(accepted).isFalse();
        assertThat(handler.events()).isEmpty();
        assertThat(outcome).isEqualTo(SecureXml.Outcome.OK);
    }

    @Test
    void shouldLeaveDocumentsLargerThanItsLimitToSax() {
        // given
        String document = "<project><description>" + "x".repeat(LeanXml.MAX_BYTES) + "</description></project>";
        byte[] bytes = document.getBytes(StandardCharsets.UTF_8);

        // when
        boolean accepted = LeanXml.parse(bytes, new Recorder());

        // then
        assertThat(accepted).isFalse();
        assertThat(LeanXml.parse("<project><a/></project>".getBytes(StandardCharsets.UTF_8), new Recorder()))
                .isTrue();
    }

    @Test
    void shouldReadADocumentParsedFromInsideAHandlerWithItsOwnBuffers() {
        // given: a handler that, on the first element of the outer document, parses an inner one on the same thread
        byte[] inner = "<inner><b>deep &amp; down</b></inner>".getBytes(StandardCharsets.UTF_8);
        byte[] outer = "<outer class='o'><a>first</a><c>last</c></outer>".getBytes(StandardCharsets.UTF_8);
        Recorder innerEvents = new Recorder();
        Recorder outerEvents = new Recorder() {
            private boolean nested;

            @Override
            public void start(String name, String classAttribute) {
                super.start(name, classAttribute);
                if (!nested) {
                    nested = true;
                    assertThat(LeanXml.parse(inner, innerEvents)).isTrue();
                }
            }
        };

        // when
        boolean accepted = LeanXml.parse(outer, outerEvents);

        // then: neither document sees the other's text or names
        assertThat(accepted).isTrue();
        assertThat(innerEvents.events()).containsExactly("<inner", "<b", "'deep & down", ">", ">");
        assertThat(outerEvents.events())
                .containsExactly("<outer class=o", "<a", "'first", ">", "<c", "'last", ">", ">");
    }

    @Test
    void shouldReadSmallDocumentsAlikeBeforeAndAfterALargeOrDeclinedOneOnTheSameThread() {
        // given
        byte[] small =
                "<project><credentialsId>bb</credentialsId><x a='1'/></project>".getBytes(StandardCharsets.UTF_8);
        byte[] large = ("<project><description>" + "y".repeat(600_000) + "</description>" + "<e/>".repeat(60_000)
                        + "</project>")
                .getBytes(StandardCharsets.UTF_8);
        byte[] declined = "<project><a></b></project>".getBytes(StandardCharsets.UTF_8);
        Recorder before = new Recorder();
        Recorder after = new Recorder();

        // when
        LeanXml.parse(small, before);
        boolean largeAccepted = LeanXml.parse(large, new Recorder());
        boolean declinedAccepted = LeanXml.parse(declined, new Recorder());
        LeanXml.parse(small, after);

        // then
        assertThat(largeAccepted).isTrue();
        assertThat(declinedAccepted).isFalse();
        assertThat(after.events()).isEqualTo(before.events()).contains("'bb");
    }
}
