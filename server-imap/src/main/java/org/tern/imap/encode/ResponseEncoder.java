package org.tern.imap.encode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.tern.imap.decode.ImapDates;
import org.tern.imap.encode.ImapResponse.BlobRange;
import org.tern.imap.encode.ImapResponse.Bytes;
import org.tern.imap.encode.ImapResponse.FetchItem;
import org.tern.imap.encode.ImapResponse.SectionItem;

/** Encodes {@link ImapResponse}s to the wire. */
public final class ResponseEncoder {

    private final ResponseOutput out;

    public ResponseEncoder(ResponseOutput out) {
        this.out = out;
    }

    public void encode(ImapResponse response) {
        if (response instanceof ImapResponse.Fetch f) {
            fetch(f);
            return;
        }
        StringBuilder sb = new StringBuilder(64);
        format(sb, response);
        sb.append("\r\n");
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void format(StringBuilder sb, ImapResponse response) {
        if (response instanceof ImapResponse.Status s) {
            sb.append(s.tag()).append(' ').append(s.condition().name()).append(' ');
            if (s.code() != null) {
                sb.append('[').append(s.code()).append("] ");
            }
            sb.append(s.text());
        } else if (response instanceof ImapResponse.Continuation c) {
            sb.append("+ ").append(c.text());
        } else if (response instanceof ImapResponse.Exists e) {
            sb.append("* ").append(e.count()).append(" EXISTS");
        } else if (response instanceof ImapResponse.Recent r) {
            sb.append("* ").append(r.count()).append(" RECENT");
        } else if (response instanceof ImapResponse.Expunge e) {
            sb.append("* ").append(e.sequence()).append(" EXPUNGE");
        } else if (response instanceof ImapResponse.FlagsList f) {
            sb.append("* FLAGS (").append(String.join(" ", f.flags())).append(')');
        } else if (response instanceof ImapResponse.Capability c) {
            sb.append("* CAPABILITY ").append(String.join(" ", c.capabilities()));
        } else if (response instanceof ImapResponse.ListEntry l) {
            sb.append("* ").append(l.lsub() ? "LSUB" : "LIST").append(" (")
                    .append(String.join(" ", l.attributes())).append(") \"/\" ");
            ImapStrings.astring(sb, ModifiedUtf7.encode(l.name()));
        } else if (response instanceof ImapResponse.StatusData s) {
            sb.append("* STATUS ");
            ImapStrings.astring(sb, ModifiedUtf7.encode(s.mailbox()));
            sb.append(" (");
            boolean first = true;
            for (Map.Entry<String, Long> e : s.items().entrySet()) {
                if (!first) {
                    sb.append(' ');
                }
                first = false;
                sb.append(e.getKey()).append(' ').append(e.getValue());
            }
            sb.append(')');
        } else if (response instanceof ImapResponse.Search s) {
            sb.append("* SEARCH");
            for (long n : s.numbers()) {
                sb.append(' ').append(n);
            }
        } else if (response instanceof ImapResponse.Namespace n) {
            sb.append("* NAMESPACE ((\"\" \"/\")) NIL NIL");
        } else if (response instanceof ImapResponse.Id id) {
            sb.append("* ID (");
            boolean first = true;
            for (Map.Entry<String, String> e : id.parameters().entrySet()) {
                if (!first) {
                    sb.append(' ');
                }
                first = false;
                ImapStrings.string(sb, e.getKey());
                sb.append(' ');
                ImapStrings.nstring(sb, e.getValue());
            }
            sb.append(')');
        } else if (response instanceof ImapResponse.Enabled e) {
            sb.append("* ENABLED");
            for (String c : e.capabilities()) {
                sb.append(' ').append(c);
            }
        } else if (response instanceof ImapResponse.Fetch f) {
            throw new IllegalStateException("fetch is encoded separately");
        }
    }

    private void fetch(ImapResponse.Fetch f) {
        StringBuilder sb = new StringBuilder(64);
        sb.append("* ").append(f.sequence()).append(" FETCH (");
        boolean first = true;
        for (FetchItem item : f.items()) {
            if (!first) {
                sb.append(' ');
            }
            first = false;
            if (item instanceof SectionItem s) {
                section(sb, s);
            } else {
                item(sb, item);
            }
        }
        sb.append(")\r\n");
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void item(StringBuilder sb, FetchItem item) {
        if (item instanceof ImapResponse.FlagsItem f) {
            sb.append("FLAGS (").append(String.join(" ", f.flags())).append(')');
        } else if (item instanceof ImapResponse.UidItem u) {
            sb.append("UID ").append(u.uid());
        } else if (item instanceof ImapResponse.InternalDateItem d) {
            sb.append("INTERNALDATE \"").append(ImapDates.format(d.date())).append('"');
        } else if (item instanceof ImapResponse.SizeItem s) {
            sb.append("RFC822.SIZE ").append(s.size());
        } else if (item instanceof ImapResponse.EnvelopeItem e) {
            sb.append("ENVELOPE ");
            EnvelopeEncoder.encode(sb, e.envelope());
        } else if (item instanceof ImapResponse.BodyStructureItem b) {
            sb.append(b.extended() ? "BODYSTRUCTURE " : "BODY ");
            BodyStructureEncoder.encode(sb, b.body(), b.extended());
        } else if (item instanceof SectionItem s) {
            throw new IllegalStateException();
        }
    }

    /** Writes what is pending in {@code sb}, then the section (streamed for blob ranges). */
    private void section(StringBuilder sb, SectionItem s) {
        sb.append(s.name());
        if (s.origin() >= 0) {
            sb.append('<').append(s.origin()).append('>');
        }
        sb.append(' ');
        if (s.content() instanceof ImapResponse.Nil n) {
            sb.append("NIL");
        } else if (s.content() instanceof Bytes b) {
            sb.append('{').append(b.bytes().length).append("}\r\n");
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
            sb.setLength(0);
            out.write(b.bytes());
        } else if (s.content() instanceof BlobRange r) {
            sb.append('{').append(r.length()).append("}\r\n");
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
            sb.setLength(0);
            if (r.length() > 0) {
                try (InputStream in = out.openBlob(r.blobId(), r.offset(), r.length())) {
                    out.writeStream(in, r.length());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    /** Encodes one response to a string (tests). */
    public static String toText(List<ImapResponse> responses) {
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        ResponseEncoder enc = new ResponseEncoder(new ResponseOutput() {
            @Override
            public void write(byte[] bytes) {
                buf.writeBytes(bytes);
            }

            @Override
            public void writeStream(InputStream in, long length) throws IOException {
                buf.writeBytes(in.readNBytes((int) length));
            }

            @Override
            public InputStream openBlob(String blobId, long offset, long length) {
                throw new UnsupportedOperationException();
            }
        });
        responses.forEach(enc::encode);
        return buf.toString(StandardCharsets.UTF_8);
    }
}
