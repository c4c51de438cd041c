package io.jenkins.plugins.bitbucketapitoken.core.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code users/users.xml} ({@code hudson.model.UserIdMapper}): which directory under {@code users/} holds
 * which user id. Never throws; unreadable input gives an empty map.
 */
final class UserIdMapping {

    private UserIdMapping() {}

    /**
     * Reads the mapping.
     *
     * @param xml the document as stored
     * @return directory name to user id
     */
    static Map<String, String> read(byte[] xml) {
        Map<String, String> byDirectory = new HashMap<>();
        List<String> path = new ArrayList<>();
        List<String> strings = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        // How many idToDirectoryNameMap elements are open: counted, so that no event looks through the path.
        int[] inMap = {0};
        SecureXml.Outcome outcome = SecureXml.parse(xml, new SecureXml.Handler() {
            @Override
            public void start(String name) {
                path.add(name);
                if (name.equals("idToDirectoryNameMap")) {
                    inMap[0]++;
                }
                text.setLength(0);
                if (name.equals("entry")) {
                    strings.clear();
                }
            }

            @Override
            public void text(char[] ch, int start, int length) {
                // The same cut however the parser splits the text.
                text.append(ch, start, Math.min(length, Math.max(0, 4096 - text.length())));
            }

            @Override
            public void end() {
                String name = path.remove(path.size() - 1);
                if (name.equals("idToDirectoryNameMap")) {
                    inMap[0]--;
                }
                if (name.equals("string") && inMap[0] > 0) {
                    strings.add(text.toString().strip());
                } else if (name.equals("entry") && strings.size() == 2) {
                    byDirectory.put(strings.get(1), strings.get(0));
                }
            }
        });
        return outcome.failed() ? Map.of() : byDirectory;
    }
}
