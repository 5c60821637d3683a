package org.tern.imap.encode;

import java.util.List;
import java.util.Locale;

import org.tern.store.mime.BodyPart;

/** RFC 3501 BODY and BODYSTRUCTURE (with extension data when {@code extended}). */
public final class BodyStructureEncoder {

    private BodyStructureEncoder() {
    }

    public static void encode(StringBuilder sb, BodyPart p, boolean extended) {
        if (p.isMultipart() && !p.children().isEmpty()) {
            multipart(sb, p, extended);
        } else {
            single(sb, p, extended);
        }
    }

    private static void multipart(StringBuilder sb, BodyPart p, boolean extended) {
        sb.append('(');
        for (BodyPart child : p.children()) {
            encode(sb, child, extended);
        }
        sb.append(' ');
        ImapStrings.string(sb, upper(p.subtype(), "MIXED"));
        if (extended) {
            sb.append(' ');
            params(sb, p.params());
            sb.append(' ');
            disposition(sb, p);
            sb.append(' ');
            language(sb, p.language());
            sb.append(' ');
            ImapStrings.nstring(sb, p.location());
        }
        sb.append(')');
    }

    private static void single(StringBuilder sb, BodyPart p, boolean extended) {
        sb.append('(');
        ImapStrings.string(sb, upper(p.type(), "TEXT"));
        sb.append(' ');
        ImapStrings.string(sb, upper(p.subtype(), "PLAIN"));
        sb.append(' ');
        params(sb, p.params());
        sb.append(' ');
        ImapStrings.nstring(sb, p.id());
        sb.append(' ');
        ImapStrings.nstring(sb, p.description());
        sb.append(' ');
        ImapStrings.string(sb, upper(p.encoding(), "7BIT"));
        sb.append(' ').append(Math.max(0, p.size()));
        if (p.isMessageRfc822() && p.message() != null) {
            sb.append(' ');
            EnvelopeEncoder.encode(sb, p.envelope());
            sb.append(' ');
            encode(sb, p.message(), extended);
            sb.append(' ').append(p.lines());
        } else if ("text".equalsIgnoreCase(p.type()) || p.type() == null) {
            sb.append(' ').append(p.lines());
        }
        if (extended) {
            sb.append(' ');
            ImapStrings.nstring(sb, p.md5());
            sb.append(' ');
            disposition(sb, p);
            sb.append(' ');
            language(sb, p.language());
            sb.append(' ');
            ImapStrings.nstring(sb, p.location());
        }
        sb.append(')');
    }

    private static void params(StringBuilder sb, List<BodyPart.Param> params) {
        if (params == null || params.isEmpty()) {
            sb.append("NIL");
            return;
        }
        sb.append('(');
        boolean first = true;
        for (BodyPart.Param param : params) {
            if (!first) {
                sb.append(' ');
            }
            first = false;
            ImapStrings.string(sb, param.name().toUpperCase(Locale.ROOT));
            sb.append(' ');
            ImapStrings.string(sb, param.value() == null ? "" : param.value());
        }
        sb.append(')');
    }

    private static void disposition(StringBuilder sb, BodyPart p) {
        if (p.disposition() == null) {
            sb.append("NIL");
            return;
        }
        sb.append('(');
        ImapStrings.string(sb, p.disposition().toUpperCase(Locale.ROOT));
        sb.append(' ');
        params(sb, p.dispositionParams());
        sb.append(')');
    }

    private static void language(StringBuilder sb, List<String> language) {
        if (language == null || language.isEmpty()) {
            sb.append("NIL");
        } else if (language.size() == 1) {
            ImapStrings.string(sb, language.get(0));
        } else {
            sb.append('(');
            for (int i = 0; i < language.size(); i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                ImapStrings.string(sb, language.get(i));
            }
            sb.append(')');
        }
    }

    private static String upper(String s, String fallback) {
        return s == null || s.isEmpty() ? fallback : s.toUpperCase(Locale.ROOT);
    }
}
