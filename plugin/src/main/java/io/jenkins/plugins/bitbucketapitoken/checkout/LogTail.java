package io.jenkins.plugins.bitbucketapitoken.checkout;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;

/**
 * Passes a build log through unchanged and keeps its last bytes, so that a failed checkout can be diagnosed from
 * git's own output: the Git plugin reports a failure as an {@code AbortException} without a cause and prints what git
 * said only to the log.
 */
final class LogTail extends OutputStream {

    static final int CAPACITY = 64 * 1024;

    private final OutputStream log;
    private final byte[] ring = new byte[CAPACITY];
    private long written;

    LogTail(OutputStream log) {
        this.log = log;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        log.write(b);
        ring[(int) (written++ % CAPACITY)] = (byte) b;
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        log.write(b, off, len);
        for (int i = 0; i < len; i++) {
            ring[(int) (written++ % CAPACITY)] = b[off + i];
        }
    }

    @Override
    public void flush() throws IOException {
        log.flush();
    }

    /** Returns the kept bytes, oldest first, as text. */
    synchronized String text(Charset charset) {
        if (written <= CAPACITY) {
            return new String(ring, 0, (int) written, charset);
        }
        int start = (int) (written % CAPACITY);
        byte[] ordered = new byte[CAPACITY];
        System.arraycopy(ring, start, ordered, 0, CAPACITY - start);
        System.arraycopy(ring, 0, ordered, CAPACITY - start, start);
        return new String(ordered, charset);
    }
}
