package io.jenkins.plugins.bitbucketapitoken.core;

import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * A pseudo-translation for tests: every text of the English bundle in brackets, with its placeholders kept. A page or
 * a report rendered in this locale shows at once which texts came through the bundle (bracketed) and which did not.
 *
 * <p>It sits in Esperanto's place ({@code eo}) rather than the usual pseudo-locale {@code en-XA}: the servlet
 * container Jenkins runs in (Jetty) answers {@code getLocale()} only with locales the JVM has, and turns
 * {@code Accept-Language: en-XA} into plain English, so a page could never be asked for in {@code en-XA}. This project
 * ships no Esperanto translation; should one come, this test bundle would hide it in tests only.
 */
public class Messages_eo extends ResourceBundle {

    /** The locale this pseudo-translation answers for. */
    public static final Locale LOCALE = Locale.forLanguageTag("eo");

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
