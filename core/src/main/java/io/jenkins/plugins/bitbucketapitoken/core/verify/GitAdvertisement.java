package io.jenkins.plugins.bitbucketapitoken.core.verify;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.eclipse.jgit.transport.PacketLineIn;

/** Reads a Git smart HTTP advertisement ({@code info/refs?service=...}) with JGit's pkt-line reader. */
final class GitAdvertisement {

    private static final int MAX_REFS_COUNTED = 100_000;
    private static final Pattern OBJECT_ID_AND_NAME = Pattern.compile("([0-9a-f]{40}|[0-9a-f]{64}) \\S");

    private GitAdvertisement() {}

    /**
     * Counts the refs of an advertisement, checking that it is one.
     *
     * @param body the body, possibly cut short after its first refs
     * @param service {@code git-upload-pack} or {@code git-receive-pack}
     * @return the number of refs read (an empty repository advertises none); empty when it is not an
     *     advertisement of that service
     */
    static OptionalInt refCount(byte[] body, String service) {
        PacketLineIn in = new PacketLineIn(new ByteArrayInputStream(body));
        boolean headerSeen = false;
        int refs = 0;
        try {
            String first = in.readString();
            if (!first.equals("# service=" + service) || !PacketLineIn.isEnd(in.readString())) {
                return OptionalInt.empty();
            }
            headerSeen = true;
            for (String line = in.readString(); !PacketLineIn.isEnd(line); line = in.readString()) {
                if (!OBJECT_ID_AND_NAME.matcher(line).lookingAt()) {
                    return OptionalInt.empty();
                }
                if (!line.contains(" capabilities^{}")) {
                    refs++;
                }
                if (refs >= MAX_REFS_COUNTED) {
                    break;
                }
            }
            return OptionalInt.of(refs);
        } catch (IOException | RuntimeException e) {
            // A body cut short after the service header is still Git (the verifier reads only its start);
            // anything malformed before it is not.
            return headerSeen ? OptionalInt.of(refs) : OptionalInt.empty();
        }
    }
}
