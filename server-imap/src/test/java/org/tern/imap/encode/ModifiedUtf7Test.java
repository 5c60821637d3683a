package org.tern.imap.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tern.imap.encode.ImapResponse.Condition;

class ModifiedUtf7Test {

    @Test
    void roundTripsRfc3501Examples() {
        assertThat(ModifiedUtf7.encode("~peter/mail/台北/日本語")).isEqualTo("~peter/mail/&U,BTFw-/&ZeVnLIqe-");
        assertThat(ModifiedUtf7.decode("~peter/mail/&U,BTFw-/&ZeVnLIqe-")).isEqualTo("~peter/mail/台北/日本語");
        assertThat(ModifiedUtf7.encode("Tom & Jerry")).isEqualTo("Tom &- Jerry");
        assertThat(ModifiedUtf7.decode("Tom &- Jerry")).isEqualTo("Tom & Jerry");
        assertThat(ModifiedUtf7.decode(ModifiedUtf7.encode("😀 Entwürfe"))).isEqualTo("😀 Entwürfe");
        assertThatThrownBy(() -> ModifiedUtf7.decode("&AAA")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stringsAreQuotedOrLiteral() {
        StringBuilder sb = new StringBuilder();
        ImapStrings.nstring(sb, "say \"hi\"");
        sb.append(' ');
        ImapStrings.nstring(sb, null);
        sb.append(' ');
        ImapStrings.nstring(sb, "Grüße");
        assertThat(sb.toString()).isEqualTo("\"say \\\"hi\\\"\" NIL {7}\r\nGrüße");
    }

    @Test
    void responsesEncode() {
        String text = ResponseEncoder.toText(List.of(
                new ImapResponse.Status("a1", Condition.NO, "TRYCREATE", "No such mailbox"),
                new ImapResponse.ListEntry(false, List.of("\\HasNoChildren", "\\Drafts"), "Entwürfe"),
                new ImapResponse.Fetch(3, List.of(new ImapResponse.UidItem(9),
                        new ImapResponse.FlagsItem(List.of("\\Seen")),
                        new ImapResponse.SectionItem("BODY[HEADER]", 0, new ImapResponse.Bytes("ab".getBytes()))))));
        assertThat(text).isEqualTo("a1 NO [TRYCREATE] No such mailbox\r\n"
                + "* LIST (\\HasNoChildren \\Drafts) \"/\" Entw&APw-rfe\r\n"
                + "* 3 FETCH (UID 9 FLAGS (\\Seen) BODY[HEADER]<0> {2}\r\nab)\r\n");
    }
}
