package org.tern.store.jdbc;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
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
 * thread under H2's chunk lock. The chunk must be on disk before a header that names it, so each correction costs
 * an fdatasync in the committing thread, under the store's writer lock. Not for encrypted databases
 * ({@code CIPHER}): H2 would wrap this channel and hand it ciphertext, which is then never recognised.
 *
 * <p>Once the group committer takes over ({@link #deferHeaders}), such header writes are held back instead, and the
 * header on disk keeps naming a chunk that is on disk. Before each fsync the committer notes the newest chunk
 * written ({@link #pending}); after it, if H2 asked for a header meanwhile or the last one is 20 versions old, it
 * writes one naming that chunk and fdatasyncs again before acknowledging ({@link #writeHeader}). One extra sync
 * per group instead of one per commit, and none under the writer lock: once freed space is being reused, H2 asks
 * for a header after most commits. The committer also keeps the chunks that recovery from that header needs from
 * being overwritten ({@link ChunkReuseGuard}).
 */
final class HeaderCorrectingChannel extends FileBase {

    /** MVStore's block size: headers are two copies of one block at offset 0; chunks are whole blocks. */
    private static final int BLOCK = 4096;
    private static final int CHUNK_FOOTER = 128;
    /** Chunk headers are a text line well within the first block. */
    private static final int CHUNK_HEADER_MAX = 1024;

    /**
     * Versions after which {@link #writeHeader} names a newer chunk even if H2 asked for no header: the chunks
     * recovery needs from the named one are kept from reuse until then (see {@link ChunkReuseGuard}).
     */
    private static final long HEADER_EVERY_VERSIONS = 20;

    private final FileChannel file;
    /** The chunk the previous write on this channel stored whole; null if that write was anything else. */
    private ChunkRef justWritten;
    /**
     * The newest chunk stored whole: a header write does not clear it, nor does a truncation that leaves it whole;
     * any other write does.
     */
    private ChunkRef lastChunk;
    /** Whether header writes after a chunk are held back for {@link #writeHeader} (see {@link #deferHeaders}). */
    private boolean deferring;
    /** H2's last header (held back or written), the template for the headers written in their place. */
    private Map<String, String> template;
    /** Version of the chunk the last header written by {@link #writeHeader} names; -1 before the first. */
    private long namedVersion = -1;
    /** Header writes held back so far, and how many of them a header written by {@link #writeHeader} covers. */
    private long heldBack;
    private long covered;

    HeaderCorrectingChannel(FileChannel file) {
        this.file = file;
    }

    /** Identity of a chunk as the file header records it. */
    record ChunkRef(long block, int id, long version) {
    }

    /**
     * What {@link #pending()} saw: the last chunk stored whole, and how many header writes were held back until
     * then.
     */
    record Pending(ChunkRef lastChunk, long heldBack) {
    }

    @Override
    public synchronized int write(ByteBuffer src, long position) throws IOException {
        int length = src.remaining();
        ChunkRef previous = justWritten;
        justWritten = null;
        boolean header = position == 0 && length == 2 * BLOCK;
        if (previous != null && header && deferring) {
            Map<String, String> held = checksummedMap(bytes(src, 0, BLOCK));
            if (held != null && !held.containsKey("clean")) {
                // Not written at all: the header on disk keeps naming a chunk that is on disk, and the group
                // committer names a newer one once an fsync has made it durable (writeHeader).
                template = held;
                heldBack++;
                src.position(src.limit());
                return length;
            }
        }
        if (header && template == null) {
            template = headerTemplate(bytes(src, 0, BLOCK));
        }
        ByteBuffer corrected = previous != null && header ? correctedHeader(src, previous) : null;
        if (corrected != null) {
            // The chunk must reach the disk before a header that names it: were the header to land alone at a power
            // cut, recovery could not read the chunk it names and might settle on an older chunk than the last one
            // acknowledged (which the uncorrected header would have named).
            file.force(false);
            writeFully(corrected, 0);
            src.position(src.limit());
            return length;
        }
        ChunkRef chunk = header ? null : chunkAt(src, position);
        writeFully(src, position);
        justWritten = chunk;
        if (chunk != null) {
            // The newest, not the last written: H2 moves old chunks when it compacts the file at close (after
            // stopDeferring, so a moved copy is never named from here).
            lastChunk = lastChunk == null || chunk.version() > lastChunk.version() ? chunk : lastChunk;
        } else if (!header) {
            lastChunk = null;
        }
        return length;
    }

    /**
     * From now on, holds back the header writes H2 makes after a chunk instead of correcting each one at the cost
     * of an fdatasync in the committing thread: the caller, which fsyncs the file, then calls {@link #pending()}
     * before each fsync and {@link #writeHeader} after it, and calls {@link #stopDeferring()} before the
     * database closes.
     */
    synchronized void deferHeaders() throws IOException {
        if (template == null) {
            ByteBuffer onDisk = ByteBuffer.allocate(BLOCK);
            while (onDisk.hasRemaining() && file.read(onDisk, onDisk.position()) > 0) {
                // read the first copy of the header H2 wrote at open
            }
            template = headerTemplate(onDisk.array());
        }
        deferring = true;
    }

    /** The state to pass to {@link #writeHeader} after the next fsync. */
    synchronized Pending pending() {
        return new Pending(lastChunk, heldBack);
    }

    /**
     * Once an fsync that started after {@code pending} was taken has finished: if header writes were held back
     * until then, or the last header written here is {@link #HEADER_EVERY_VERSIONS} behind, writes a header
     * naming the last chunk stored then (now on disk) and returns true; the caller must fdatasync before
     * acknowledging the commits that fsync covered, then call {@link #headerDurable}. False if none was due.
     */
    synchronized boolean writeHeader(Pending pending) throws IOException {
        if (!deferring) {
            return false; // stopped: H2 writes its own headers again (at close: clean marks, moved chunks)
        }
        boolean asked = pending.heldBack() > covered;
        ChunkRef chunk = pending.lastChunk();
        if (!asked && (chunk == null || template == null || chunk.version() - namedVersion < HEADER_EVERY_VERSIONS)) {
            return false;
        }
        if (chunk == null || template == null) {
            // Acknowledging now would rely on a header that names an older chunk: fail the sync instead.
            throw new IOException("a file header is due but no chunk written since can be named");
        }
        // justWritten stays as it is: H2 may be between a chunk and the header write that follows it.
        writeFully(header(template, chunk), 0);
        return true;
    }

    /** After the fdatasync that followed {@link #writeHeader}: the header writes held back up to it are covered. */
    synchronized void headerDurable(Pending pending) {
        covered = Math.max(covered, pending.heldBack());
        namedVersion = Math.max(namedVersion, pending.lastChunk().version());
    }

    /**
     * Ends {@link #deferHeaders}: if header writes are still held back, makes the file durable and names the last
     * chunk, so that H2's own shutdown (or a crash before it) starts from a header as good as H2's.
     */
    synchronized void stopDeferring() throws IOException {
        deferring = false;
        if (heldBack > covered && lastChunk != null && template != null) { // else H2's next header goes through
            file.force(false);
            writeFully(header(template, lastChunk), 0);
            covered = heldBack;
        }
    }

    /**
     * The channel of this kind H2 writes the database file of {@code connection} through, or null (another kind of
     * store, or an H2 whose file store no longer keeps it where this looks: then headers are corrected as they are
     * written).
     */
    static HeaderCorrectingChannel of(Connection connection) {
        try {
            MVStore store = EmbeddedH2.store(connection);
            Object fileStore = store == null ? null : store.getFileStore();
            if (fileStore == null) {
                return null;
            }
            // H2 keeps the channel FilePath.open returned in SingleFileStore.fileChannel, with no accessor.
            for (Class<?> c = fileStore.getClass(); c != null; c = c.getSuperclass()) {
                try {
                    Field field = c.getDeclaredField("fileChannel");
                    field.setAccessible(true);
                    return field.get(fileStore) instanceof HeaderCorrectingChannel channel ? channel : null;
                } catch (NoSuchFieldException notHere) {
                    // look in the superclass
                }
            }
        } catch (SQLException | ReflectiveOperationException | RuntimeException e) {
            return null;
        }
        return null;
    }

    @Override
    public synchronized int write(ByteBuffer src) throws IOException {
        justWritten = null;
        lastChunk = null;
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
        if (lastChunk != null && lastChunk.block() * BLOCK >= size) {
            lastChunk = null; // never seen: H2 only cuts off free space at the end, and its newest chunk is live
        }
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
        return headerNaming(header, chunk);
    }

    private static ByteBuffer header(Map<String, String> template, ChunkRef chunk) throws IOException {
        ByteBuffer header = headerNaming(template, chunk);
        if (header == null) {
            throw new IOException("H2's file header does not fit in a block: " + template);
        }
        return header;
    }

    /** H2's two-block file header: {@code header}'s fields with {@code chunk} as the one it names; null if too long. */
    private static ByteBuffer headerNaming(Map<String, String> header, ChunkRef chunk) {
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

    /** The fields of the file header block {@code raw} without a shutdown mark, or null if it is not one. */
    private static Map<String, String> headerTemplate(byte[] raw) {
        Map<String, String> header = checksummedMap(raw);
        if (header != null) {
            header.remove("clean");
        }
        return header;
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
