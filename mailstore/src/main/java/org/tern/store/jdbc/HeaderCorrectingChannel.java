package org.tern.store.jdbc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.h2.mvstore.DataUtils;
import org.h2.store.fs.FileBase;

/**
 * The H2 database file's channel, correcting one write of H2 2.5.252's MVStore: the file header written right after
 * a chunk.
 *
 * <p>H2 stores a commit as a chunk. Each chunk predicts where the next one will go; the header at the start of the
 * file names a recent chunk, and recovery after a crash starts there and follows the predictions. When a chunk goes
 * elsewhere (into space freed by old chunks, or first after reopening), H2 rewrites the header, but it does so in
 * {@code RandomAccessStore.writeChunk} <em>before</em> {@code FileStore.storeBuffer} records the new chunk as its last
 * one, so the header names the previous chunk, whose prediction is the wrong one. Recovery then never reaches the
 * new chunk nor the ones after it, until H2 next rewrites the header (about 20 versions later): those commits were
 * acknowledged and are lost at a kill -9 or power cut (reproduced by {@code CrashLoopCheck#h2Probe}).
 *
 * <p>The correction: when a header write comes immediately after a complete chunk write on this channel and names
 * an older version than that chunk, the header is rewritten to name that chunk, exactly as H2 would if it had
 * recorded the chunk first. Chunks and headers are recognised by their checksummed text (chunk footer, header
 * block); anything else, and any header that is not older, is written unchanged. Both writes happen in the same
 * thread under H2's chunk lock. Not for encrypted databases ({@code CIPHER}): H2 would wrap this channel and hand
 * it ciphertext, which is then never recognised.
 */
final class HeaderCorrectingChannel extends FileBase {

    /** MVStore's block size: headers are two copies of one block at offset 0; chunks are whole blocks. */
    private static final int BLOCK = 4096;
    private static final int CHUNK_FOOTER = 128;
    /** Chunk headers are a text line well within the first block. */
    private static final int CHUNK_HEADER_MAX = 1024;

    private final FileChannel file;
    /** The chunk the previous write on this channel stored whole; null if that write was anything else. */
    private ChunkRef justWritten;

    HeaderCorrectingChannel(FileChannel file) {
        this.file = file;
    }

    /** Identity of a chunk as the file header records it. */
    record ChunkRef(long block, int id, long version) {
    }

    @Override
    public synchronized int write(ByteBuffer src, long position) throws IOException {
        int length = src.remaining();
        ChunkRef previous = justWritten;
        justWritten = null;
        ByteBuffer corrected = previous != null && position == 0 && length == 2 * BLOCK
                ? correctedHeader(src, previous) : null;
        if (corrected != null) {
            // The chunk must reach the disk before a header that names it: were the header to land alone at a power
            // cut, recovery could not read the chunk it names and might settle on an older chunk than the last one
            // acknowledged (which the uncorrected header would have named).
            file.force(false);
            writeFully(corrected, 0);
            src.position(src.limit());
            return length;
        }
        ChunkRef chunk = chunkAt(src, position);
        writeFully(src, position);
        justWritten = chunk;
        return length;
    }

    @Override
    public synchronized int write(ByteBuffer src) throws IOException {
        justWritten = null;
        return file.write(src);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return file.read(dst, position);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return file.read(dst);
    }

    @Override
    public long position() throws IOException {
        return file.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        file.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return file.size();
    }

    @Override
    public synchronized FileChannel truncate(long size) throws IOException {
        justWritten = null;
        file.truncate(size);
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        file.force(metaData);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return file.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        file.close();
    }

    @Override
    public String toString() {
        return "HeaderCorrectingChannel[" + file + "]";
    }

    private void writeFully(ByteBuffer src, long position) throws IOException {
        long at = position;
        while (src.hasRemaining()) {
            at += file.write(src, at);
        }
    }

    /** The chunk {@code src} holds if it is one whole MVStore chunk written at {@code position}, else null. */
    static ChunkRef chunkAt(ByteBuffer src, long position) {
        int length = src.remaining();
        if (position < 2 * BLOCK || position % BLOCK != 0 || length < BLOCK || length % BLOCK != 0) {
            return null;
        }
        Map<String, String> footer = checksummedMap(bytes(src, length - CHUNK_FOOTER, CHUNK_FOOTER));
        if (footer == null) {
            return null;
        }
        try {
            int id = Integer.parseUnsignedInt(footer.get("chunk"), 16);
            long version = Long.parseLong(footer.get("version"), 16);
            long blocks = Long.parseLong(footer.get("len"), 16);
            Map<String, String> header = chunkHeader(bytes(src, 0, Math.min(length, CHUNK_HEADER_MAX)));
            // The chunk's own first line repeats its id and version (its block is known from where it is written).
            if (blocks * BLOCK != length || header == null
                    || Integer.parseUnsignedInt(header.get("chunk"), 16) != id
                    || Long.parseLong(header.get("version"), 16) != version) {
                return null;
            }
            return new ChunkRef(position / BLOCK, id, version);
        } catch (RuntimeException notAChunk) {
            return null;
        }
    }

    /**
     * The file header {@code src} holds, rewritten to name {@code chunk}, if it is a valid header naming an older
     * version; null to write {@code src} as it is.
     */
    static ByteBuffer correctedHeader(ByteBuffer src, ChunkRef chunk) {
        Map<String, String> header = checksummedMap(bytes(src, 0, BLOCK));
        // A header with "clean" is a shutdown or rollback mark (RandomAccessStore.writeCleanShutdownMark,
        // adjustStoreToLastChunk): H2 names the chunk it means there. Headers written from writeChunk never have it.
        if (header == null || header.get("version") == null || header.containsKey("clean")) {
            return null;
        }
        try {
            if (Long.parseLong(header.get("version"), 16) >= chunk.version()) {
                return null;
            }
        } catch (NumberFormatException notOurs) {
            return null;
        }
        HashMap<String, String> fixed = new HashMap<>(header);
        fixed.put("block", Long.toHexString(chunk.block()));
        fixed.put("chunk", Integer.toHexString(chunk.id()));
        fixed.put("version", Long.toHexString(chunk.version()));
        // The same text H2's RandomAccessStore.writeStoreHeader produces: sorted map, fletcher, newline, twice.
        StringBuilder text = DataUtils.appendMap(new StringBuilder(160), fixed);
        byte[] body = text.toString().getBytes(StandardCharsets.ISO_8859_1);
        DataUtils.appendMap(text, "fletcher", DataUtils.getFletcher32(body, 0, body.length));
        text.append('\n');
        byte[] line = text.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (line.length > BLOCK) {
            return null;
        }
        ByteBuffer out = ByteBuffer.allocate(2 * BLOCK);
        out.put(line);
        out.position(BLOCK);
        out.put(line);
        return out.rewind();
    }

    /** A {@code key:value,...,fletcher:x} line (padded with blanks or zeros) whose checksum holds; else null. */
    static Map<String, String> checksummedMap(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1).trim();
        int at = text.lastIndexOf(",fletcher:");
        if (at <= 0 || text.indexOf('\n') >= 0) {
            return null;
        }
        String start = new String(raw, StandardCharsets.ISO_8859_1);
        int offset = start.indexOf(text);
        try {
            int expected = (int) Long.parseLong(text.substring(at + ",fletcher:".length()), 16);
            if (expected != DataUtils.getFletcher32(raw, offset, at)) {
                return null;
            }
            return DataUtils.parseMap(text.substring(0, at));
        } catch (RuntimeException notAMap) {
            return null;
        }
    }

    /** The map on a chunk's first line (its header), or null. */
    private static Map<String, String> chunkHeader(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf('\n');
        if (end <= 0) {
            return null;
        }
        try {
            return DataUtils.parseMap(text.substring(0, end).trim());
        } catch (RuntimeException notAMap) {
            return null;
        }
    }

    private static byte[] bytes(ByteBuffer src, int from, int length) {
        byte[] out = new byte[length];
        src.duplicate().position(src.position() + from).get(out);
        return out;
    }
}
