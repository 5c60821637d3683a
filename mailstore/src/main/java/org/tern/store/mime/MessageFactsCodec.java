package org.tern.store.mime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.tern.store.mime.BodyPart.Param;
import org.tern.store.mime.Envelope.Address;

/**
 * Compact binary form of {@link MessageFacts} for one database column: a version byte, then every field in
 * declaration order; numbers as unsigned varints, strings as varint (UTF-8 length + 1, 0 meaning null).
 * Lists are written as a count (a null list decodes as an empty one). {@link #decode} rejects unknown
 * versions and truncated input with {@link IllegalArgumentException}.
 */
public final class MessageFactsCodec {

    static final int VERSION = 1;

    private MessageFactsCodec() {
    }

    public static byte[] encode(MessageFacts facts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            writeLong(out, facts.size());
            writeLong(out, facts.headerSize());
            writeLong(out, facts.lines());
            writeEnvelope(out, facts.envelope());
            writePart(out, facts.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen on a byte array
        }
        return bytes.toByteArray();
    }

    public static MessageFacts decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("unknown MessageFacts encoding version " + version);
            }
            long size = readLong(in);
            long headerSize = readLong(in);
            long lines = readLong(in);
            Envelope envelope = readEnvelope(in);
            BodyPart body = readPart(in);
            return new MessageFacts(envelope, body, size, headerSize, lines);
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated or corrupt MessageFacts encoding", e);
        }
    }

    private static void writeEnvelope(DataOutputStream out, Envelope e) throws IOException {
        out.writeBoolean(e != null);
        if (e == null) {
            return;
        }
        writeString(out, e.date());
        writeString(out, e.subject());
        writeAddresses(out, e.from());
        // sender and reply-to are usually the from list: one byte instead of a copy
        writeDefaulted(out, e.sender(), e.from());
        writeDefaulted(out, e.replyTo(), e.from());
        writeAddresses(out, e.to());
        writeAddresses(out, e.cc());
        writeAddresses(out, e.bcc());
        writeString(out, e.inReplyTo());
        writeString(out, e.messageId());
    }

    private static Envelope readEnvelope(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        String date = readString(in);
        String subject = readString(in);
        List<Address> from = readAddresses(in);
        List<Address> sender = readDefaulted(in, from);
        List<Address> replyTo = readDefaulted(in, from);
        return new Envelope(date, subject, from, sender, replyTo, readAddresses(in), readAddresses(in),
                readAddresses(in), readString(in), readString(in));
    }

    private static void writeDefaulted(DataOutputStream out, List<Address> list, List<Address> from)
            throws IOException {
        boolean same = list == null ? from == null || from.isEmpty() : list.equals(from);
        out.writeBoolean(same);
        if (!same) {
            writeAddresses(out, list);
        }
    }

    private static List<Address> readDefaulted(DataInputStream in, List<Address> from) throws IOException {
        return in.readBoolean() ? from : readAddresses(in);
    }

    private static void writeAddresses(DataOutputStream out, List<Address> maybeNull) throws IOException {
        List<Address> list = maybeNull == null ? List.of() : maybeNull;
        writeLong(out, list.size());
        for (Address a : list) {
            writeString(out, a.name());
            writeString(out, a.route());
            writeString(out, a.mailbox());
            writeString(out, a.host());
        }
    }

    private static List<Address> readAddresses(DataInputStream in) throws IOException {
        int n = readCount(in);
        List<Address> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(new Address(readString(in), readString(in), readString(in), readString(in)));
        }
        return List.copyOf(list);
    }

    private static void writePart(DataOutputStream out, BodyPart p) throws IOException {
        out.writeBoolean(p != null);
        if (p == null) {
            return;
        }
        writeString(out, p.type());
        writeString(out, p.subtype());
        writeParams(out, p.params());
        writeString(out, p.id());
        writeString(out, p.description());
        writeString(out, p.encoding());
        writeLong(out, p.size());
        writeLong(out, p.lines());
        writeString(out, p.md5());
        writeString(out, p.disposition());
        writeParams(out, p.dispositionParams());
        List<String> language = p.language() == null ? List.of() : p.language();
        writeLong(out, language.size());
        for (String l : language) {
            writeString(out, l);
        }
        writeString(out, p.location());
        List<BodyPart> children = p.children() == null ? List.of() : p.children();
        writeLong(out, children.size());
        for (BodyPart c : children) {
            writePart(out, c);
        }
        writeEnvelope(out, p.envelope());
        writePart(out, p.message());
        writeLong(out, p.headerOffset());
        // offsets as deltas: small numbers, short varints
        writeLong(out, p.bodyOffset() - p.headerOffset());
        writeLong(out, p.endOffset() - p.bodyOffset());
    }

    private static BodyPart readPart(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        String type = readString(in);
        String subtype = readString(in);
        List<Param> params = readParams(in);
        String id = readString(in);
        String description = readString(in);
        String encoding = readString(in);
        long size = readLong(in);
        long lines = readLong(in);
        String md5 = readString(in);
        String disposition = readString(in);
        List<Param> dispositionParams = readParams(in);
        int nLang = readCount(in);
        List<String> language = new ArrayList<>(nLang);
        for (int i = 0; i < nLang; i++) {
            language.add(readString(in));
        }
        String location = readString(in);
        int nChildren = readCount(in);
        List<BodyPart> children = new ArrayList<>(nChildren);
        for (int i = 0; i < nChildren; i++) {
            children.add(readPart(in));
        }
        Envelope envelope = readEnvelope(in);
        BodyPart message = readPart(in);
        long headerOffset = readLong(in);
        long bodyOffset = headerOffset + readLong(in);
        long endOffset = bodyOffset + readLong(in);
        return new BodyPart(type, subtype, params, id, description, encoding, size, lines, md5, disposition,
                dispositionParams, List.copyOf(language), location, List.copyOf(children), envelope, message,
                headerOffset, bodyOffset, endOffset);
    }

    private static void writeParams(DataOutputStream out, List<Param> maybeNull) throws IOException {
        List<Param> params = maybeNull == null ? List.of() : maybeNull;
        writeLong(out, params.size());
        for (Param p : params) {
            writeString(out, p.name());
            writeString(out, p.value());
        }
    }

    private static List<Param> readParams(DataInputStream in) throws IOException {
        int n = readCount(in);
        List<Param> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(new Param(readString(in), readString(in)));
        }
        return List.copyOf(list);
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            writeLong(out, 0);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        writeLong(out, b.length + 1L);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        long n = readLong(in);
        if (n == 0) {
            return null;
        }
        if (n - 1 > in.available()) {
            throw new IOException("string length " + (n - 1) + " beyond the input");
        }
        byte[] b = new byte[(int) (n - 1)];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static int readCount(DataInputStream in) throws IOException {
        long n = readLong(in);
        if (n > in.available()) {
            throw new IOException("count " + n + " beyond the input");
        }
        return (int) n;
    }

    /** Unsigned LEB128; negative values (never produced by the parser) take ten bytes but round-trip. */
    private static void writeLong(DataOutputStream out, long v) throws IOException {
        while ((v & ~0x7FL) != 0) {
            out.writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    private static long readLong(DataInputStream in) throws IOException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IOException("varint too long");
    }
}
