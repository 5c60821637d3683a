package org.tern.imap.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

import org.tern.store.MessageMeta;
import org.tern.store.blob.BlobStore;
import org.tern.store.mime.BodyPart;
import org.tern.store.mime.MessageFacts;

/** SEARCH BODY/TEXT: case-insensitive substring match in the decoded text parts of a message. */
final class BodyTextSearch {

    private static final int MAX_PART_BYTES = 8 << 20;

    private BodyTextSearch() {
    }

    static boolean contains(MessageMeta meta, MessageFacts facts, BlobStore blobs, String needle) {
        String n = needle.toLowerCase(Locale.ROOT);
        if (facts == null || facts.body() == null) {
            long headerEnd = facts == null ? 0 : facts.headerSize();
            return read(blobs, meta, headerEnd, meta.size() - headerEnd, StandardCharsets.UTF_8).contains(n);
        }
        return partContains(facts.body(), meta, blobs, n);
    }

    private static boolean partContains(BodyPart p, MessageMeta meta, BlobStore blobs, String needle) {
        if (p.isMultipart()) {
            for (BodyPart c : p.children()) {
                if (partContains(c, meta, blobs, needle)) {
                    return true;
                }
            }
            return false;
        }
        if (p.isMessageRfc822() && p.message() != null) {
            return partContains(p.message(), meta, blobs, needle);
        }
        if (p.type() != null && !p.type().equalsIgnoreCase("text")) {
            return false;
        }
        long len = Math.min(p.endOffset() - p.bodyOffset(), MAX_PART_BYTES);
        byte[] raw = readBytes(blobs, meta, p.bodyOffset(), len);
        byte[] decoded = decodeTransfer(raw, p.encoding());
        return new String(decoded, charset(p)).toLowerCase(Locale.ROOT).contains(needle);
    }

    private static byte[] decodeTransfer(byte[] raw, String encoding) {
        if (encoding == null) {
            return raw;
        }
        try {
            if (encoding.equalsIgnoreCase("base64")) {
                return Base64.getMimeDecoder().decode(raw);
            }
            if (encoding.equalsIgnoreCase("quoted-printable")) {
                return HeaderBlock.qDecode(new String(raw, StandardCharsets.ISO_8859_1));
            }
        } catch (IllegalArgumentException e) {
            return raw;
        }
        return raw;
    }

    private static Charset charset(BodyPart p) {
        if (p.params() != null) {
            for (BodyPart.Param param : p.params()) {
                if (param.name().equalsIgnoreCase("charset") && param.value() != null) {
                    try {
                        return Charset.forName(param.value());
                    } catch (IllegalArgumentException e) {
                        return StandardCharsets.UTF_8;
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static String read(BlobStore blobs, MessageMeta meta, long offset, long length, Charset cs) {
        return new String(readBytes(blobs, meta, offset, Math.min(length, MAX_PART_BYTES)), cs)
                .toLowerCase(Locale.ROOT);
    }

    static byte[] readBytes(BlobStore blobs, MessageMeta meta, long offset, long length) {
        long start = Math.max(0, Math.min(offset, meta.size()));
        long len = Math.max(0, Math.min(length, meta.size() - start));
        try (InputStream in = blobs.open(meta.blobId(), start, len)) {
            return in.readNBytes((int) len);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
