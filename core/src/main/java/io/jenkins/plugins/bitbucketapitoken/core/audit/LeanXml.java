package io.jenkins.plugins.bitbucketapitoken.core.audit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the plain, well-formed subset of XML that Jenkins writes, several times faster than the JDK's SAX parser,
 * and declines everything else so that {@link SecureXml} hands it to SAX.
 *
 * <p>The subset: UTF-8 only; an optional declaration {@code <?xml version='1.0' or '1.1'} with encoding UTF-8 and
 * standalone; elements with ASCII names ({@code [A-Za-z_][A-Za-z0-9._-]*}) and attributes; text with the five
 * predefined entities and numeric references to ordinary characters; CDATA sections; comments. Declined (so read
 * by SAX, which reports or refuses them exactly as before): a DOCTYPE or any other {@code <!} declaration, any
 * other entity, processing instructions, a byte-order mark, bytes that are not strict UTF-8, carriage returns,
 * control and other characters that XML 1.0 and 1.1 treat differently or normalise, names with colons or
 * non-ASCII letters, duplicate attributes, mismatched or unclosed tags, and anything beyond the limits below.
 *
 * <p>Hostile input cannot hurt it: it declares and expands no entity and fetches nothing, it works in one
 * linear pass over the bytes, it declines documents over {@link #MAX_BYTES} or with more than 100,000 elements
 * (SAX streams those), so its memory stays bounded, and events reach the handler only after the whole document
 * was accepted, so a declined document leaves the handler untouched.
 *
 * <p>It works on the bytes: a first pass checks that they are strict UTF-8 in the subset (every byte of markup is
 * ASCII, and no byte of a multi-byte character is), then the parse reads markup and text where they are, and text
 * reaches the handler as UTF-8 bytes, decoded only by a handler that needs characters.
 *
 * <p>A scan reads tens of thousands of small documents on a few threads, so each thread keeps one reader and
 * reuses its buffers (bytes, events, names, open elements) from document to document; a reader is never
 * shared between threads, and a document parsed while the thread's reader is busy (from inside a handler) gets a
 * reader of its own.
 */
final class LeanXml {

    private static final int START = 0;
    private static final int TEXT = 1;
    private static final int END = 2;
    private static final int MAX_NAME = 256;
    private static final int MAX_ATTRIBUTES = 64;
    private static final int MAX_DEPTH = SecureXml.MAX_DEPTH;
    private static final int MAX_REFERENCES = 10_000;
    /** Larger documents go to SAX, which streams: this reader holds the document and its events in memory. */
    static final int MAX_BYTES = 4 * 1024 * 1024;
    /** Three ints per event: 100,000 elements at most, far more than any Jenkins item configuration. */
    static final int MAX_EVENT_INTS = 3 * 200_000;

    private static final byte NAME_START = 1;
    private static final byte NAME_PART = 2;
    private static final byte[] NAME = nameTable();
    private static final int NAMES_CACHED = 512;

    /** Buffers larger than this (in bytes or ints) are not kept for the next document, so that memory stays low. */
    private static final int MAX_KEPT = 256 * 1024;

    // One reader per thread: its buffers and its table of element names serve every document the thread reads.
    private static final ThreadLocal<LeanXml> READERS = ThreadLocal.withInitial(LeanXml::new);

    /** The document's bytes, copied: references are resolved in place, and the caller's array is left as it was. */
    private byte[] c = new byte[8192];

    private int n;
    private int pos;
    private int references;
    private int[] events = new int[768];
    private int eventCount;
    private String[] names = new String[256];
    private int nameCount;
    /** Where each open element's name is in {@code c}: its start and its length. */
    private int[] openStarts = new int[64];

    private int[] openLengths = new int[64];
    private int depth;
    // Element names repeat across files: the table keeps one String per name instead of one per element.
    private final String[] nameTable = new String[NAMES_CACHED];
    private final byte[][] nameBytes = new byte[NAMES_CACHED][];
    private final int[] attributeStarts = new int[MAX_ATTRIBUTES];
    private final int[] attributeEnds = new int[MAX_ATTRIBUTES];
    private boolean busy;

    private LeanXml() {}

    /**
     * Parses a document if it lies in the subset, and only then feeds its elements and text to the handler.
     *
     * @param bytes the document as stored
     * @param handler hears the elements and text, in document order, when the document is accepted
     * @return true when the document was read and the handler fed; false when it must go to SAX instead
     */
    static boolean parse(byte[] bytes, SecureXml.Handler handler) {
        return parse(bytes, bytes.length, handler);
    }

    /**
     * Parses a document that fills the start of a buffer, as {@link #parse(byte[], SecureXml.Handler)} does.
     *
     * @param bytes holds the document from index 0
     * @param length how many bytes of it are the document's
     * @param handler hears the elements and text when the document is accepted
     * @return true when the document was read and the handler fed
     */
    static boolean parse(byte[] bytes, int length, SecureXml.Handler handler) {
        if (length > MAX_BYTES) {
            return false;
        }
        LeanXml shared = READERS.get();
        LeanXml lean = shared.busy ? new LeanXml() : shared;
        lean.busy = true;
        try {
            return lean.read(bytes, length, handler);
        } finally {
            lean.release();
        }
    }

    private boolean read(byte[] bytes, int length, SecureXml.Handler handler) {
        if (!isPlain(bytes, length)) {
            return false;
        }
        if (c.length < length) {
            c = new byte[Math.max(length, c.length * 2)];
        }
        System.arraycopy(bytes, 0, c, 0, length);
        n = length;
        pos = 0;
        references = 0;
        eventCount = 0;
        nameCount = 0;
        depth = 0;
        if (!document()) {
            return false;
        }
        replay(handler);
        return true;
    }

    /** Forgets the document (names it held included) and drops buffers a large one made grow. */
    private void release() {
        Arrays.fill(names, 0, nameCount, null);
        if (c.length > MAX_KEPT) {
            c = new byte[8192];
        }
        if (events.length > MAX_KEPT) {
            events = new int[768];
        }
        if (names.length > MAX_KEPT) {
            names = new String[256];
        }
        busy = false;
    }

    /**
     * Tells whether the bytes are strict UTF-8 of characters this reader takes: no control but tab and line feed,
     * no carriage return, no DEL, nothing XML 1.0 and 1.1 treat differently (see {@link #isPlainCharacter}).
     */
    private static boolean isPlain(byte[] b, int length) {
        int i = 0;
        while (i < length) {
            int x = b[i];
            if (x >= 0x20 && x < 0x7F) {
                i++;
                continue;
            }
            if (x == '\n' || x == '\t') {
                i++;
                continue;
            }
            if (x >= 0) {
                // Other controls, carriage returns (normalised by XML) and DEL (restricted in XML 1.1).
                return false;
            }
            int cp;
            int lead = x & 0xFF;
            if (lead >= 0xC2 && lead <= 0xDF && i + 1 < length && isContinuation(b[i + 1])) {
                cp = ((lead & 0x1F) << 6) | (b[i + 1] & 0x3F);
                i += 2;
            } else if (lead >= 0xE0
                    && lead <= 0xEF
                    && i + 2 < length
                    && isContinuation(b[i + 1])
                    && isContinuation(b[i + 2])) {
                cp = ((lead & 0x0F) << 12) | ((b[i + 1] & 0x3F) << 6) | (b[i + 2] & 0x3F);
                if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) {
                    return false;
                }
                i += 3;
            } else if (lead >= 0xF0
                    && lead <= 0xF4
                    && i + 3 < length
                    && isContinuation(b[i + 1])
                    && isContinuation(b[i + 2])
                    && isContinuation(b[i + 3])) {
                cp = ((lead & 0x07) << 18) | ((b[i + 1] & 0x3F) << 12) | ((b[i + 2] & 0x3F) << 6) | (b[i + 3] & 0x3F);
                if (cp < 0x10000 || cp > 0x10FFFF) {
                    return false;
                }
                i += 4;
            } else {
                return false;
            }
            if (!isPlainCharacter(cp)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }

    /**
     * Tells whether a character means the same in XML 1.0 and 1.1 and is never normalised: not a control, not
     * NEL or LINE SEPARATOR, not a byte-order mark or a non-character.
     */
    private static boolean isPlainCharacter(int cp) {
        if (cp < 0x80) {
            return (cp >= 0x20 && cp < 0x7F) || cp == '\n' || cp == '\t';
        }
        if (cp <= 0x9F) {
            return false;
        }
        if (cp < 0xD800) {
            return cp != 0x2028;
        }
        if (cp < 0xE000) {
            return false;
        }
        return (cp <= 0xFFFD && cp != 0xFEFF) || (cp >= 0x10000 && cp <= 0x10FFFF);
    }

    private boolean document() {
        if (startsWith("<?xml") && pos + 5 < n && isSpace(c[pos + 5])) {
            if (!declaration()) {
                return false;
            }
        }
        if (!misc()) {
            return false;
        }
        if (pos >= n || c[pos] != '<' || !startTag()) {
            return false;
        }
        while (depth > 0) {
            if (!content()) {
                return false;
            }
        }
        return misc() && pos == n;
    }

    /** Reads {@code <?xml version='1.x' encoding='UTF-8' standalone='yes'?>}, each part as XML orders them. */
    private boolean declaration() {
        pos += 5;
        if (!pseudoAttribute("version")) {
            return false;
        }
        String version = valueAt();
        if (!version.equals("1.0") && !version.equals("1.1")) {
            return false;
        }
        int mark = pos;
        if (pseudoAttribute("encoding")) {
            if (!valueAt().equalsIgnoreCase("UTF-8")) {
                return false;
            }
            mark = pos;
        } else {
            pos = mark;
        }
        if (pseudoAttribute("standalone")) {
            String standalone = valueAt();
            if (!standalone.equals("yes") && !standalone.equals("no")) {
                return false;
            }
        } else {
            pos = mark;
        }
        skipSpaces();
        if (!startsWith("?>")) {
            return false;
        }
        pos += 2;
        return true;
    }

    /** Reads required space, a name, {@code =} and the start of a quoted value; leaves pos on the quote. */
    private boolean pseudoAttribute(String name) {
        if (pos >= n || !isSpace(c[pos])) {
            return false;
        }
        skipSpaces();
        if (!startsWith(name)) {
            return false;
        }
        pos += name.length();
        skipSpaces();
        if (pos >= n || c[pos] != '=') {
            return false;
        }
        pos++;
        skipSpaces();
        return pos < n && (c[pos] == '\'' || c[pos] == '"');
    }

    /** Reads a quoted value without references (a declaration's); an empty string never matches a caller. */
    private String valueAt() {
        byte quote = c[pos];
        int start = pos + 1;
        int end = start;
        while (end < n && c[end] != quote && end - start < 32) {
            end++;
        }
        if (end >= n || c[end] != quote) {
            return "";
        }
        pos = end + 1;
        return new String(c, start, end - start, StandardCharsets.UTF_8);
    }

    /** Skips what may surround the root element: spaces and comments. */
    private boolean misc() {
        while (true) {
            skipSpaces();
            if (startsWith("<!--")) {
                if (!comment()) {
                    return false;
                }
            } else {
                return true;
            }
        }
    }

    private boolean comment() {
        int end = indexOf("--", pos + 4);
        if (end < 0 || end + 2 >= n || c[end + 2] != '>') {
            return false;
        }
        pos = end + 3;
        return true;
    }

    /** Reads one piece of content of the open element: text up to markup, then the markup. */
    private boolean content() {
        // The hot loop works on locals: the client compiler, which the launcher chooses, keeps them in registers.
        byte[] c = this.c;
        int n = this.n;
        int p = pos;
        int runStart = p;
        int w = p;
        while (p < n) {
            byte ch = c[p];
            if (ch == '<') {
                break;
            }
            if (ch == '&') {
                pos = p;
                int written = reference(w, true);
                if (written < 0) {
                    return false;
                }
                p = pos;
                w += written;
                continue;
            }
            if (ch == '>' && p >= 2 && c[p - 1] == ']' && c[p - 2] == ']' && p - 2 >= runStart) {
                return false;
            }
            c[w++] = ch;
            p++;
        }
        pos = p;
        if (w > runStart && !event(TEXT, runStart, w - runStart)) {
            return false;
        }
        if (pos >= n) {
            return false;
        }
        if (pos + 1 < n && c[pos + 1] == '/') {
            return endTag();
        }
        if (startsWith("<!--")) {
            return comment();
        }
        if (startsWith("<![CDATA[")) {
            int end = indexOf("]]>", pos + 9);
            if (end < 0) {
                return false;
            }
            if (end > pos + 9 && !event(TEXT, pos + 9, end - pos - 9)) {
                return false;
            }
            pos = end + 3;
            return true;
        }
        return startTag();
    }

    /**
     * Reads a reference at pos ({@code &amp;}, {@code &#10;}, ...) and, when {@code write}, writes its character
     * in UTF-8 at {@code w}, which never passes pos: a reference is never shorter than the bytes of its character.
     *
     * @return how many bytes were written, or -1 when the reference is outside the subset
     */
    private int reference(int w, boolean write) {
        if (++references > MAX_REFERENCES) {
            return -1;
        }
        int semicolon = -1;
        for (int i = pos + 1; i < n && i <= pos + 10; i++) {
            if (c[i] == ';') {
                semicolon = i;
                break;
            }
        }
        if (semicolon < 0) {
            return -1;
        }
        int cp = referencedCharacter(pos + 1, semicolon);
        if (cp < 0) {
            return -1;
        }
        pos = semicolon + 1;
        if (!write) {
            return 0;
        }
        if (cp < 0x80) {
            c[w] = (byte) cp;
            return 1;
        }
        if (cp < 0x800) {
            c[w] = (byte) (0xC0 | (cp >> 6));
            c[w + 1] = (byte) (0x80 | (cp & 0x3F));
            return 2;
        }
        if (cp < 0x10000) {
            c[w] = (byte) (0xE0 | (cp >> 12));
            c[w + 1] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            c[w + 2] = (byte) (0x80 | (cp & 0x3F));
            return 3;
        }
        c[w] = (byte) (0xF0 | (cp >> 18));
        c[w + 1] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        c[w + 2] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        c[w + 3] = (byte) (0x80 | (cp & 0x3F));
        return 4;
    }

    private int referencedCharacter(int from, int to) {
        int length = to - from;
        if (isName(from, length, "amp")) {
            return '&';
        }
        if (isName(from, length, "lt")) {
            return '<';
        }
        if (isName(from, length, "gt")) {
            return '>';
        }
        if (isName(from, length, "quot")) {
            return '"';
        }
        if (isName(from, length, "apos")) {
            return '\'';
        }
        if (length < 2 || c[from] != '#') {
            return -1;
        }
        boolean hex = c[from + 1] == 'x';
        int digitsFrom = from + (hex ? 2 : 1);
        if (to - digitsFrom < 1 || to - digitsFrom > 6) {
            return -1;
        }
        int cp = 0;
        for (int i = digitsFrom; i < to; i++) {
            int d = digit(c[i], hex);
            if (d < 0) {
                return -1;
            }
            cp = cp * (hex ? 16 : 10) + d;
        }
        // A reference to a carriage return is how Jenkins keeps one; it is not normalised.
        return isPlainCharacter(cp) || cp == '\r' ? cp : -1;
    }

    /** The value of an ASCII digit, hexadecimal when asked; -1 for any other byte. */
    private static int digit(byte b, boolean hex) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (hex && b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (hex && b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    private boolean startTag() {
        pos++;
        int nameStart = pos;
        if (!name()) {
            return false;
        }
        String name = cachedName(nameStart, pos);
        int nameLength = pos - nameStart;
        String classAttribute = null;
        int attributes = 0;
        while (true) {
            boolean spaced = pos < n && isSpace(c[pos]);
            skipSpaces();
            if (pos >= n) {
                return false;
            }
            if (c[pos] == '>' || (c[pos] == '/' && pos + 1 < n && c[pos + 1] == '>')) {
                break;
            }
            if (!spaced || attributes >= MAX_ATTRIBUTES) {
                return false;
            }
            int attributeStart = pos;
            if (!name()) {
                return false;
            }
            int attributeEnd = pos;
            for (int k = 0; k < attributes; k++) {
                if (Arrays.equals(c, attributeStarts[k], attributeEnds[k], c, attributeStart, attributeEnd)) {
                    return false;
                }
            }
            attributeStarts[attributes] = attributeStart;
            attributeEnds[attributes] = attributeEnd;
            attributes++;
            skipSpaces();
            if (pos >= n || c[pos] != '=') {
                return false;
            }
            pos++;
            skipSpaces();
            int valueStart = pos + 1;
            if (!attributeValue()) {
                return false;
            }
            if (attributeEnd - attributeStart == 5 && startsWith(attributeStart, "class")) {
                if (!isPlainAttributeValue(valueStart, pos - 1)) {
                    // SAX resolves references and turns tabs and line breaks into spaces: left to SAX.
                    return false;
                }
                classAttribute = cachedName(valueStart, pos - 1);
            }
        }
        if (depth >= MAX_DEPTH) {
            return false;
        }
        if (depth == openStarts.length) {
            openStarts = Arrays.copyOf(openStarts, depth * 2);
            openLengths = Arrays.copyOf(openLengths, depth * 2);
        }
        openStarts[depth] = nameStart;
        openLengths[depth] = nameLength;
        depth++;
        if (!event(START, nameIndex(name), classAttribute == null ? 0 : nameIndex(classAttribute) + 1)) {
            return false;
        }
        if (c[pos] == '/') {
            pos += 2;
            depth--;
            return event(END, 0, 0);
        }
        pos++;
        return true;
    }

    private boolean startsWith(int at, String s) {
        if (at + s.length() > n) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (c[at + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Tells whether an attribute value in {@code c[from, to)} reads the same to SAX: no reference, tab or line. */
    private boolean isPlainAttributeValue(int from, int to) {
        for (int i = from; i < to; i++) {
            if (c[i] == '&' || c[i] == '\t' || c[i] == '\n') {
                return false;
            }
        }
        return true;
    }

    /** Tells whether {@code c[from, from + length)} is the given reference name. */
    private boolean isName(int from, int length, String name) {
        return length == name.length() && startsWith(from, name);
    }

    /** Returns the name (or class attribute) in {@code c[from, to)}, from the thread's table when seen before. */
    private String cachedName(int from, int to) {
        byte[] c = this.c;
        int hash = 0;
        for (int i = from; i < to; i++) {
            hash = 31 * hash + c[i];
        }
        int slot = (hash ^ (hash >>> 16)) & (NAMES_CACHED - 1);
        byte[] known = nameBytes[slot];
        if (known != null && Arrays.equals(known, 0, known.length, c, from, to)) {
            return nameTable[slot];
        }
        String name = new String(c, from, to - from, StandardCharsets.UTF_8);
        nameTable[slot] = name;
        nameBytes[slot] = Arrays.copyOfRange(c, from, to);
        return name;
    }

    private boolean attributeValue() {
        if (pos >= n || (c[pos] != '\'' && c[pos] != '"')) {
            return false;
        }
        byte quote = c[pos++];
        while (pos < n && c[pos] != quote) {
            if (c[pos] == '<') {
                return false;
            }
            if (c[pos] == '&') {
                if (reference(0, false) < 0) {
                    return false;
                }
            } else {
                pos++;
            }
        }
        if (pos >= n) {
            return false;
        }
        pos++;
        return true;
    }

    private boolean endTag() {
        pos += 2;
        int nameStart = pos;
        if (!name()) {
            return false;
        }
        int expectedStart = openStarts[depth - 1];
        int expectedLength = openLengths[depth - 1];
        if (pos - nameStart != expectedLength
                || !Arrays.equals(c, expectedStart, expectedStart + expectedLength, c, nameStart, pos)) {
            return false;
        }
        skipSpaces();
        if (pos >= n || c[pos] != '>') {
            return false;
        }
        pos++;
        depth--;
        return event(END, 0, 0);
    }

    /** Reads an ASCII name without colons. */
    private boolean name() {
        byte[] c = this.c;
        int n = this.n;
        int p = pos;
        if (p >= n || !isNameStart(c[p])) {
            return false;
        }
        int start = p;
        p++;
        while (p < n && isNameCharacter(c[p])) {
            p++;
        }
        pos = p;
        return p - start <= MAX_NAME;
    }

    private static boolean isNameStart(byte ch) {
        return ch >= 0 && NAME[ch] == NAME_START;
    }

    private static boolean isNameCharacter(byte ch) {
        return ch >= 0 && NAME[ch] != 0;
    }

    private static byte[] nameTable() {
        byte[] table = new byte[128];
        for (char ch = 0; ch < 128; ch++) {
            if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_') {
                table[ch] = NAME_START;
            } else if ((ch >= '0' && ch <= '9') || ch == '.' || ch == '-') {
                table[ch] = NAME_PART;
            }
        }
        return table;
    }

    private static boolean isSpace(byte ch) {
        return ch == ' ' || ch == '\n' || ch == '\t';
    }

    private void skipSpaces() {
        byte[] c = this.c;
        int n = this.n;
        int p = pos;
        while (p < n && isSpace(c[p])) {
            p++;
        }
        pos = p;
    }

    private boolean startsWith(String s) {
        if (pos + s.length() > n) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (c[pos + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private int indexOf(String s, int from) {
        byte first = (byte) s.charAt(0);
        for (int i = from; i + s.length() <= n; i++) {
            if (c[i] == first) {
                int k = 1;
                while (k < s.length() && c[i + k] == s.charAt(k)) {
                    k++;
                }
                if (k == s.length()) {
                    return i;
                }
            }
        }
        return -1;
    }

    private int nameIndex(String name) {
        if (nameCount == names.length) {
            names = Arrays.copyOf(names, nameCount * 2);
        }
        names[nameCount] = name;
        return nameCount++;
    }

    private boolean event(int kind, int a, int b) {
        if (eventCount + 3 > MAX_EVENT_INTS) {
            return false;
        }
        if (eventCount + 3 > events.length) {
            events = Arrays.copyOf(events, events.length * 2);
        }
        events[eventCount++] = kind;
        events[eventCount++] = a;
        events[eventCount++] = b;
        return true;
    }

    private void replay(SecureXml.Handler handler) {
        for (int i = 0; i < eventCount; i += 3) {
            switch (events[i]) {
                case START -> handler.start(names[events[i + 1]], events[i + 2] == 0 ? "" : names[events[i + 2] - 1]);
                case TEXT -> handler.utf8Text(c, events[i + 1], events[i + 2]);
                default -> handler.end();
            }
        }
    }
}
