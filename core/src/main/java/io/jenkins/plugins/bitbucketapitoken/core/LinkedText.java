package io.jenkins.plugins.bitbucketapitoken.core;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a message into its plain text and the {@code https://} addresses in it, so that a screen can show the
 * addresses as links: a message says where to go next (where API tokens are made), and a person should be able to
 * click it. Pure text in, pieces out; escaping is the screen's business.
 */
public final class LinkedText {

    /** An https address up to a space, a quote or a bracket; a final period or comma ends the sentence, not it. */
    private static final Pattern HTTPS_ADDRESS = Pattern.compile("https://[^\\s<>\"')]*[^\\s<>\"').,;:]");

    /**
     * One piece of a message, in order.
     *
     * @param text the characters of the piece
     * @param address whether the piece is an https address
     */
    public record Piece(String text, boolean address) {}

    private LinkedText() {}

    /**
     * Splits a message into pieces: plain text and https addresses, alternating as they come, none empty.
     *
     * @param text a message
     * @return the pieces, which joined give the message back
     */
    public static List<Piece> split(String text) {
        List<Piece> pieces = new ArrayList<>();
        Matcher address = HTTPS_ADDRESS.matcher(text);
        int from = 0;
        while (address.find()) {
            if (address.start() > from) {
                pieces.add(new Piece(text.substring(from, address.start()), false));
            }
            pieces.add(new Piece(address.group(), true));
            from = address.end();
        }
        if (from < text.length()) {
            pieces.add(new Piece(text.substring(from), false));
        }
        return pieces;
    }
}
