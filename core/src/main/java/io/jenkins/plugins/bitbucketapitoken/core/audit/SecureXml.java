package io.jenkins.plugins.bitbucketapitoken.core.audit;

import io.jenkins.plugins.bitbucketapitoken.core.Message;
import io.jenkins.plugins.bitbucketapitoken.core.Problem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Parses untrusted Jenkins XML safely: no DTD, no external entity, no entity expansion, elements nested at most
 * {@link #MAX_DEPTH} deep on either parser.
 *
 * <p>A document with a DOCTYPE is refused outright: Jenkins never writes one, and refusing it means no entity is
 * declared, so none can be expanded or fetched. How the bytes are read is decided before the handler hears
 * anything (see {@link #readingOf(byte[])}): bytes that are not UTF-8 in a UTF-8 document are replaced and reported
 * as a warning, and a declaration that names no known encoding is reported as such; either way the handler hears
 * one document, once.
 * One SAX parser per thread is reused, since setting one up costs more than parsing a typical configuration.
 * Documents given as bytes are first offered to {@link LeanXml}, which reads the plain subset Jenkins writes
 * several times faster and declines everything else, DOCTYPEs included, to SAX.
 */
final class SecureXml {

    /** Hears the elements and text of one document. */
    interface Handler {
        void start(String name);

        /**
         * Hears an element that starts, with its {@code class} attribute (XStream's name for the field's class).
         *
         * @param name the element name
         * @param classAttribute the value of its {@code class} attribute, empty when it has none
         */
        default void start(String name, String classAttribute) {
            start(name);
        }

        void text(char[] ch, int start, int length);

        /**
         * Hears text as strict UTF-8 bytes, as {@link LeanXml} reads it; a handler that looks at few texts can
         * decide from the bytes which to decode. By default it decodes them and hears them as characters.
         *
         * @param utf8 holds the text; valid only during the call
         * @param start where the text starts
         * @param length how many bytes it has
         */
        default void utf8Text(byte[] utf8, int start, int length) {
            char[] chars = new String(utf8, start, length, StandardCharsets.UTF_8).toCharArray();
            text(chars, 0, chars.length);
        }

        void end();
    }

    /**
     * The deepest element nesting read, on either parser: Jenkins writes a few dozen levels at most; a deeper
     * document is refused, so that no reader's work or memory grows with a hostile depth.
     */
    static final int MAX_DEPTH = 1024;

    /** The JDK's own limit on element depth, set above ours so that ours decides. */
    private static final String JDK_MAX_ELEMENT_DEPTH = "http://www.oracle.com/xml/jaxp/properties/maxElementDepth";

    /** Made on first use: most scans never need SAX (LeanXml reads what Jenkins writes), and it is slow to load. */
    private static final class Factory {
        private static final SAXParserFactory INSTANCE = newFactory();

        private Factory() {}
    }

    private static final ThreadLocal<XMLReader> READERS = new ThreadLocal<>();
    private static final int MAX_REASON = 160;
    private static final int MAX_DECLARATION = 512;
    /** XML's EncName: a letter, then letters, digits, {@code .}, {@code _} and {@code -}. */
    private static final Pattern ENCODING_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9._-]*");

    private static final Pattern ENCODING_ATTRIBUTE = Pattern.compile("\\sencoding\\s*=\\s*(['\"])(.*?)\\1");

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
            reader = Factory.INSTANCE.newSAXParser().getXMLReader();
            reader.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are never read");
            });
            reader.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            // Our own depth limit applies on every JDK: JDK 25 lowered its default element depth to 100, which
            // would refuse documents LeanXml reads and report them as malformed.
            reader.setProperty(JDK_MAX_ELEMENT_DEPTH, Integer.toString(MAX_DEPTH + 1));
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
        return parse(bytes, bytes.length, handler, parsers);
    }

    /**
     * Parses a document that fills the start of a buffer, as {@link #parse(byte[], Handler, Parsers)} does.
     *
     * @param buffer holds the document from index 0
     * @param length how many bytes of the buffer are the document's
     * @param handler what to do with its elements and text
     * @param parsers whether {@link LeanXml} may read it first
     * @return what came of it
     */
    static Outcome parse(byte[] buffer, int length, Handler handler, Parsers parsers) {
        if (parsers == Parsers.LEAN_THEN_SAX && LeanXml.parse(buffer, length, handler)) {
            return Outcome.OK;
        }
        // The rare documents the lean reader declines are read from a copy of exactly their bytes.
        byte[] bytes = length == buffer.length ? buffer : Arrays.copyOf(buffer, length);
        // How to read the bytes is decided before the handler hears anything, so that it hears the document
        // once: a parse that stops at a bad byte and starts again would feed it half a document first.
        Reading reading = readingOf(bytes);
        return switch (reading.how()) {
            case BAD_DECLARATION ->
                new Outcome(
                        true, List.of(Message.AUDIT_XML_BAD_ENCODING.problem(shorten(reading.declaredEncoding(), 60))));
            case REPAIRED_UTF8 -> {
                Outcome outcome = parseOnce(new InputSource(new StringReader(lenientUtf8(bytes))), handler);
                yield outcome.failed() ? outcome : new Outcome(false, List.of(Message.AUDIT_NOT_UTF8.problem()));
            }
            case AS_DECLARED -> parseOnce(new InputSource(new ByteArrayInputStream(bytes)), handler);
        };
    }

    /** How a document's bytes are read. */
    enum How {
        /** As they are, in the encoding the document declares (UTF-8 if none), by SAX. */
        AS_DECLARED,
        /** As UTF-8 with the bytes that are not UTF-8 replaced, which is reported. */
        REPAIRED_UTF8,
        /** Not at all: the declaration names no encoding Java knows. */
        BAD_DECLARATION
    }

    /**
     * Says how a document is read, and what encoding it declared.
     *
     * @param how how its bytes are read
     * @param declaredEncoding the encoding its XML declaration names, empty if none
     */
    record Reading(How how, String declaredEncoding) {}

    /**
     * Decides how to read a document from its bytes alone: UTF-16 and UTF-32 (by byte-order mark or zero bytes)
     * and declared encodings other than UTF-8 go to SAX as they are; UTF-8, declared or by default, is checked
     * first and repaired if it is not valid; a declaration whose encoding is not a well-formed, known name is
     * reported as such.
     *
     * @param bytes the document as stored
     * @return how to read it
     */
    static Reading readingOf(byte[] bytes) {
        if (looksLikeUtf16(bytes)) {
            return new Reading(How.AS_DECLARED, "");
        }
        Optional<String> declaration = declaredEncoding(bytes);
        String declared = declaration.orElse("");
        if (declaration.isPresent()) {
            if (!ENCODING_NAME.matcher(declared).matches()) {
                return new Reading(How.BAD_DECLARATION, declared);
            }
            Charset charset;
            try {
                charset = Charset.forName(declared);
            } catch (IllegalArgumentException e) {
                return new Reading(How.BAD_DECLARATION, declared);
            }
            if (!charset.equals(StandardCharsets.UTF_8)) {
                return new Reading(How.AS_DECLARED, declared);
            }
        }
        return new Reading(isStrictUtf8(bytes) ? How.AS_DECLARED : How.REPAIRED_UTF8, declared);
    }

    /** Reads the encoding named by an XML declaration at the start (after a UTF-8 byte-order mark), if any. */
    private static Optional<String> declaredEncoding(byte[] bytes) {
        int start = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF
                ? 3
                : 0;
        if (!startsWith(bytes, start, "<?xml")) {
            return Optional.empty();
        }
        int end = Math.min(bytes.length, start + MAX_DECLARATION);
        StringBuilder declaration = new StringBuilder();
        for (int i = start; i < end && !(bytes[i] == '?' && i + 1 < end && bytes[i + 1] == '>'); i++) {
            declaration.append((char) (bytes[i] & 0xFF));
        }
        Matcher encoding = ENCODING_ATTRIBUTE.matcher(declaration);
        return encoding.find() ? Optional.of(encoding.group(2)) : Optional.empty();
    }

    private static boolean startsWith(byte[] bytes, int at, String ascii) {
        if (bytes.length - at < ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (bytes[at + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Tells whether bytes are strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF. */
    static boolean isStrictUtf8(byte[] b) {
        int i = 0;
        while (i < b.length) {
            int lead = b[i] & 0xFF;
            if (lead < 0x80) {
                i++;
                continue;
            }
            int length;
            int min;
            int max = 0xBF;
            if (lead >= 0xC2 && lead <= 0xDF) {
                length = 2;
                min = 0x80;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                length = 3;
                min = lead == 0xE0 ? 0xA0 : 0x80;
                max = lead == 0xED ? 0x9F : 0xBF;
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                length = 4;
                min = lead == 0xF0 ? 0x90 : 0x80;
                max = lead == 0xF4 ? 0x8F : 0xBF;
            } else {
                return false;
            }
            if (i + length > b.length) {
                return false;
            }
            int second = b[i + 1] & 0xFF;
            if (second < min || second > max) {
                return false;
            }
            for (int k = 2; k < length; k++) {
                if ((b[i + k] & 0xC0) != 0x80) {
                    return false;
                }
            }
            i += length;
        }
        return true;
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
    record Outcome(boolean failed, List<Problem> problems) {
        static final Outcome OK = new Outcome(false, List.of());
    }

    private static Outcome parseOnce(InputSource source, Handler handler) {
        try {
            XMLReader reader = reader();
            reader.setContentHandler(new DefaultHandler() {
                private int depth;

                @Override
                public void startElement(String uri, String localName, String qName, Attributes attributes)
                        throws TooDeep {
                    if (++depth > MAX_DEPTH) {
                        throw new TooDeep();
                    }
                    String classAttribute = attributes.getValue("class");
                    handler.start(qName, classAttribute == null ? "" : classAttribute);
                }

                @Override
                public void characters(char[] ch, int start, int length) {
                    handler.text(ch, start, length);
                }

                @Override
                public void endElement(String uri, String localName, String qName) {
                    depth--;
                    handler.end();
                }
            });
            reader.setErrorHandler(null);
            reader.parse(source);
            return Outcome.OK;
        } catch (TooDeep e) {
            return new Outcome(true, List.of(Message.AUDIT_XML_TOO_DEEP.problem(MAX_DEPTH)));
        } catch (SAXException | IOException | ParserConfigurationException | RuntimeException e) {
            if (String.valueOf(e.getMessage()).contains("DOCTYPE")) {
                return new Outcome(true, List.of(Message.AUDIT_XML_DOCTYPE.problem()));
            }
            return new Outcome(true, List.of(Message.AUDIT_XML_MALFORMED.problem(reason(e))));
        } finally {
            XMLReader reader = READERS.get();
            if (reader != null) {
                reader.setContentHandler(null);
            }
        }
    }

    private static boolean looksLikeUtf16(byte[] bytes) {
        return bytes.length >= 2
                && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
                        || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)
                        || bytes[0] == 0
                        || bytes[1] == 0);
    }

    /** Reads UTF-8, replacing malformed bytes (the String constructor always replaces, never throws). */
    private static String lenientUtf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Stops SAX at an element nested deeper than {@link #MAX_DEPTH}. */
    private static final class TooDeep extends SAXException {
        private static final long serialVersionUID = 1L;

        TooDeep() {
            super("elements nested deeper than " + MAX_DEPTH);
        }
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
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
