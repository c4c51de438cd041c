package io.jenkins.plugins.bitbucketapitoken.core.audit;

import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.Problem;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Parses untrusted Jenkins XML safely: no DTD, no external entity, no entity expansion, bounded depth.
 *
 * <p>A document with a DOCTYPE is refused outright: Jenkins never writes one, and refusing it means no entity is
 * declared, so none can be expanded or fetched. Bytes that are not UTF-8 are replaced and reported as a warning.
 */
final class SecureXml {

    /** Reacts to the events of one document. */
    interface Handler {
        void accept(XMLStreamReader reader) throws XMLStreamException;
    }

    private static final XMLInputFactory FACTORY = newFactory();
    private static final int MAX_REASON = 160;

    private SecureXml() {}

    private static XMLInputFactory newFactory() {
        // The JDK's own implementation, whatever else is on the class path, configured the same way every time.
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_VALIDATING, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setXMLResolver((publicId, systemId, base, namespace) -> {
            throw new XMLStreamException("external entities are never read");
        });
        setIfSupported(factory, "jdk.xml.maxElementDepth", "2000");
        setIfSupported(factory, "jdk.xml.entityExpansionLimit", "0");
        return factory;
    }

    private static void setIfSupported(XMLInputFactory factory, String name, String value) {
        try {
            factory.setProperty(name, value);
        } catch (IllegalArgumentException e) {
            // Older or other JDKs do not know the property; the DOCTYPE refusal still holds.
        }
    }

    /**
     * Parses a document and feeds every event to the handler.
     *
     * @param bytes the document as stored
     * @param handler what to do with each event
     * @return the problems: empty when the document was read in full, a warning when bad bytes were replaced,
     *     an error-like warning first when it could not be read
     */
    static Outcome parse(byte[] bytes, Handler handler) {
        Outcome first = parseOnce(new Source(bytes, null), handler);
        if (first.failed() && first.badEncoding() && !looksLikeUtf16(bytes)) {
            Optional<String> decoded = lenientUtf8(bytes);
            if (decoded.isPresent()) {
                Outcome second = parseOnce(new Source(null, decoded.get()), handler);
                return second.failed() ? second : new Outcome(false, false, List.of(Message.AUDIT_NOT_UTF8.problem()));
            }
        }
        return first;
    }

    /**
     * Parses a document given as text.
     *
     * @param text the document
     * @param handler what to do with each event
     * @return the problems, as for {@link #parse(byte[], Handler)}
     */
    static Outcome parse(String text, Handler handler) {
        return parseOnce(new Source(null, text), handler);
    }

    private record Source(byte[] bytes, String text) {}

    /** What came of parsing one document. */
    record Outcome(boolean failed, boolean badEncoding, List<Problem> problems) {
        static final Outcome OK = new Outcome(false, false, List.of());
    }

    private static Outcome parseOnce(Source source, Handler handler) {
        XMLStreamReader reader = null;
        try {
            reader = source.bytes() != null
                    ? FACTORY.createXMLStreamReader(new ByteArrayInputStream(source.bytes()))
                    : FACTORY.createXMLStreamReader(new StringReader(source.text()));
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.DTD) {
                    return new Outcome(true, false, List.of(Message.AUDIT_XML_DOCTYPE.problem()));
                }
                if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                    return new Outcome(true, false, List.of(Message.AUDIT_XML_DOCTYPE.problem()));
                }
                handler.accept(reader);
            }
            return Outcome.OK;
        } catch (XMLStreamException | RuntimeException e) {
            boolean encoding = describesBadEncoding(e);
            return new Outcome(true, encoding, List.of(Message.AUDIT_XML_MALFORMED.problem(reason(e))));
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException e) {
                    // Nothing is left to release for an in-memory source.
                }
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
            return Optional.of(withoutDeclaredEncoding(text));
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static String withoutDeclaredEncoding(String text) {
        // The text is already decoded; a declaration naming another encoding would make the parser complain.
        if (text.startsWith("<?xml")) {
            int end = text.indexOf("?>");
            if (end > 0) {
                return text.substring(end + 2);
            }
        }
        return text;
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
