package io.jenkins.plugins.bitbucketapitoken.core.audit;

import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.Problem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Parses untrusted Jenkins XML safely: no DTD, no external entity, no entity expansion, bounded depth.
 *
 * <p>A document with a DOCTYPE is refused outright: Jenkins never writes one, and refusing it means no entity is
 * declared, so none can be expanded or fetched. Bytes that are not UTF-8 are replaced and reported as a warning.
 * One SAX parser per thread is reused, since setting one up costs more than parsing a typical configuration.
 * Documents given as bytes are first offered to {@link LeanXml}, which reads the plain subset Jenkins writes
 * several times faster and declines everything else, DOCTYPEs included, to SAX.
 */
final class SecureXml {

    /** Hears the elements and text of one document. */
    interface Handler {
        void start(String name);

        void text(char[] ch, int start, int length);

        void end();
    }

    private static final SAXParserFactory FACTORY = newFactory();
    private static final ThreadLocal<XMLReader> READERS = new ThreadLocal<>();
    private static final int MAX_REASON = 160;

    private SecureXml() {}

    private static SAXParserFactory newFactory() {
        // The JDK's own implementation, whatever else is on the class path, configured the same way every time.
        SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
        factory.setNamespaceAware(false);
        factory.setValidating(false);
        factory.setXIncludeAware(false);
        for (String[] feature : new String[][] {
            {XMLConstants.FEATURE_SECURE_PROCESSING, "true"},
            {"http://apache.org/xml/features/disallow-doctype-decl", "true"},
            {"http://xml.org/sax/features/external-general-entities", "false"},
            {"http://xml.org/sax/features/external-parameter-entities", "false"},
            {"http://apache.org/xml/features/nonvalidating/load-external-dtd", "false"}
        }) {
            try {
                factory.setFeature(feature[0], Boolean.parseBoolean(feature[1]));
            } catch (ParserConfigurationException | SAXException e) {
                throw new IllegalStateException("the JDK's XML parser cannot be made safe: " + feature[0], e);
            }
        }
        return factory;
    }

    private static XMLReader reader() throws ParserConfigurationException, SAXException {
        XMLReader reader = READERS.get();
        if (reader == null) {
            reader = FACTORY.newSAXParser().getXMLReader();
            reader.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are never read");
            });
            reader.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            READERS.set(reader);
        }
        return reader;
    }

    /**
     * Parses a document and feeds its elements and text to the handler.
     *
     * @param bytes the document as stored
     * @param handler what to do with them
     * @return what came of it: read in full, read with bad bytes replaced (a warning), or not read (and why)
     */
    static Outcome parse(byte[] bytes, Handler handler) {
        return parse(bytes, handler, Parsers.LEAN_THEN_SAX);
    }

    /**
     * Parses a document with the given parsers and feeds its elements and text to the handler.
     *
     * @param bytes the document as stored
     * @param handler what to do with them
     * @param parsers whether {@link LeanXml} may read it first; the outcome and the events are the same either way
     * @return what came of it, as for {@link #parse(byte[], Handler)}
     */
    static Outcome parse(byte[] bytes, Handler handler, Parsers parsers) {
        if (parsers == Parsers.LEAN_THEN_SAX && LeanXml.parse(bytes, handler)) {
            return Outcome.OK;
        }
        Outcome first = parseOnce(new InputSource(new ByteArrayInputStream(bytes)), handler);
        if (first.failed() && first.badEncoding() && !looksLikeUtf16(bytes)) {
            Optional<String> decoded = lenientUtf8(bytes);
            if (decoded.isPresent()) {
                Outcome second = parseOnce(new InputSource(new StringReader(decoded.get())), handler);
                return second.failed() ? second : new Outcome(false, false, List.of(Message.AUDIT_NOT_UTF8.problem()));
            }
        }
        return first;
    }

    /**
     * Parses a document given as text.
     *
     * @param text the document
     * @param handler what to do with its elements and text
     * @return what came of it, as for {@link #parse(byte[], Handler)}
     */
    static Outcome parse(String text, Handler handler) {
        return parseOnce(new InputSource(new StringReader(text)), handler);
    }

    /** Which parsers read a document given as bytes. */
    enum Parsers {
        /** {@link LeanXml} reads the plain subset Jenkins writes; SAX reads whatever it declines. */
        LEAN_THEN_SAX,
        /** Only SAX reads; for comparisons. */
        SAX_ONLY
    }

    /** What came of parsing one document. */
    record Outcome(boolean failed, boolean badEncoding, List<Problem> problems) {
        static final Outcome OK = new Outcome(false, false, List.of());
    }

    private static Outcome parseOnce(InputSource source, Handler handler) {
        try {
            XMLReader reader = reader();
            reader.setContentHandler(new DefaultHandler() {
                @Override
                public void startElement(String uri, String localName, String qName, Attributes attributes) {
                    handler.start(qName);
                }

                @Override
                public void characters(char[] ch, int start, int length) {
                    handler.text(ch, start, length);
                }

                @Override
                public void endElement(String uri, String localName, String qName) {
                    handler.end();
                }
            });
            reader.setErrorHandler(null);
            reader.parse(source);
            return Outcome.OK;
        } catch (SAXException | IOException | ParserConfigurationException | RuntimeException e) {
            if (String.valueOf(e.getMessage()).contains("DOCTYPE")) {
                return new Outcome(true, false, List.of(Message.AUDIT_XML_DOCTYPE.problem()));
            }
            return new Outcome(true, describesBadEncoding(e), List.of(Message.AUDIT_XML_MALFORMED.problem(reason(e))));
        } finally {
            XMLReader reader = READERS.get();
            if (reader != null) {
                reader.setContentHandler(null);
            }
        }
    }

    private static boolean describesBadEncoding(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String name = t.getClass().getName();
            String message = String.valueOf(t.getMessage());
            if (name.contains("MalformedByteSequence")
                    || message.contains("UTF-8")
                    || message.contains("byte sequence")
                    || message.contains("Invalid byte")) {
                return true;
            }
        }
        return false;
    }

    private static boolean looksLikeUtf16(byte[] bytes) {
        return bytes.length >= 2
                && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
                        || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)
                        || bytes[0] == 0
                        || bytes[1] == 0);
    }

    private static Optional<String> lenientUtf8(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return Optional.of(text);
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** Describes a parser failure in one short line, without the document's content. */
    private static String reason(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // The JDK's messages start with "ParseError at [row,col]:[3,5]\nMessage: ..."; keep the position and
        // the message, on one line.
        String oneLine = message.replaceAll("[\\r\\n\\t]+", " ").strip();
        return oneLine.length() <= MAX_REASON ? oneLine : oneLine.substring(0, MAX_REASON - 3) + "...";
    }

    /**
     * Turns an XStream element name back into a class name: {@code _-} is {@code $} and {@code __} is {@code _}.
     *
     * @param element an element name
     * @return the class name
     */
    static String className(String element) {
        if (element.indexOf('_') < 0) {
            return element;
        }
        StringBuilder sb = new StringBuilder(element.length());
        for (int i = 0; i < element.length(); i++) {
            char c = element.charAt(i);
            if (c == '_' && i + 1 < element.length()) {
                char next = element.charAt(i + 1);
                if (next == '-') {
                    sb.append('$');
                    i++;
                    continue;
                }
                if (next == '_') {
                    sb.append('_');
                    i++;
                    continue;
                }
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
