package io.jenkins.plugins.bitbucketapitoken.core;

import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * A pseudo-translation for tests, in the pseudo-locale {@code en-XA}: every text of the English bundle in brackets,
 * with its placeholders kept. A page or a report rendered in this locale shows at once which texts came through the
 * bundle (bracketed) and which did not.
 */
public class Messages_en_XA extends ResourceBundle {

    /** The pseudo-locale this bundle answers for. */
    public static final Locale LOCALE = Locale.forLanguageTag("en-XA");

    private final ResourceBundle english = ResourceBundle.getBundle(
            Message.BUNDLE,
            Locale.ROOT,
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));

    @Override
    protected Object handleGetObject(String key) {
        String text = english.getString(key);
        return text.isEmpty() ? "" : "[" + text + "]";
    }

    @Override
    public Enumeration<String> getKeys() {
        return Collections.enumeration(english.keySet());
    }
}
