package org.tern.smtp.session;

/** Receives DATA or BDAT content as it arrives; {@link #end} is called once after the last byte. */
public interface ContentSink {

    void accept(byte[] data, int offset, int length);

    void end();

    /** The connection dropped before the end: release everything, reply nothing. */
    void abort();

    /** Discards content silently (a BDAT chunk nobody wants). */
    ContentSink DISCARD = new ContentSink() {
        @Override
        public void accept(byte[] data, int offset, int length) {
        }

        @Override
        public void end() {
        }

        @Override
        public void abort() {
        }
    };
}
