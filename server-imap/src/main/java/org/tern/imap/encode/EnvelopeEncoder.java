package org.tern.imap.encode;

import java.util.List;

import org.tern.store.mime.Envelope;

/** RFC 3501 §7.4.2 ENVELOPE. */
public final class EnvelopeEncoder {

    private EnvelopeEncoder() {
    }

    public static void encode(StringBuilder sb, Envelope e) {
        if (e == null) {
            sb.append("(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)");
            return;
        }
        sb.append('(');
        ImapStrings.nstring(sb, e.date());
        sb.append(' ');
        ImapStrings.nstring(sb, e.subject());
        for (List<Envelope.Address> list : List.of(e.from(), e.sender(), e.replyTo(), e.to(), e.cc(), e.bcc())) {
            sb.append(' ');
            addresses(sb, list);
        }
        sb.append(' ');
        ImapStrings.nstring(sb, e.inReplyTo());
        sb.append(' ');
        ImapStrings.nstring(sb, e.messageId());
        sb.append(')');
    }

    private static void addresses(StringBuilder sb, List<Envelope.Address> list) {
        if (list == null || list.isEmpty()) {
            sb.append("NIL");
            return;
        }
        sb.append('(');
        for (Envelope.Address a : list) {
            sb.append('(');
            ImapStrings.nstring(sb, a.name());
            sb.append(' ');
            ImapStrings.nstring(sb, a.route());
            sb.append(' ');
            ImapStrings.nstring(sb, a.mailbox());
            sb.append(' ');
            ImapStrings.nstring(sb, a.host());
            sb.append(')');
        }
        sb.append(')');
    }
}
