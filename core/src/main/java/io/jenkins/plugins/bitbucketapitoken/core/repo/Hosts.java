package io.jenkins.plugins.bitbucketapitoken.core.repo;

import java.util.Locale;

/** Answers questions about host names without ever resolving them. */
public final class Hosts {

    private Hosts() {}

    /**
     * Tells whether a host is a loopback address, the only place a secret may travel over plain http.
     *
     * @param host a host name or literal address, with or without IPv6 brackets
     * @return whether it is {@code localhost}, in 127.0.0.0/8 or {@code ::1}
     */
    public static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost")
                || h.equals("::1")
                || h.equals("0:0:0:0:0:0:0:1")
                || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }
}
