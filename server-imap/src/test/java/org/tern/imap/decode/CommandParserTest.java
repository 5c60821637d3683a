package org.tern.imap.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tern.imap.decode.FetchAttribute.BodySection;
import org.tern.store.FlagOperation;

class CommandParserTest {

    private final CommandParser parser = new CommandParser();

    private ImapRequest parse(String line) {
        return parser.parse(CommandInput.ofLine(line));
    }

    @Test
    void quotedStringsWithEscapesAndLiterals() {
        LoginRequest login = (LoginRequest) parse("a1 LOGIN \"al\\\"ice\" \"p\\\\w\"");
        assertThat(login.username()).isEqualTo("al\"ice");
        assertThat(new String(login.password())).isEqualTo("p\\w");

        CommandInput in = new CommandInput();
        in.addLine("a2 LOGIN {5}".getBytes(StandardCharsets.US_ASCII));
        in.addLiteral(LiteralValue.ofBytes("alice".getBytes(StandardCharsets.US_ASCII)));
        in.addLine(" {6+}".getBytes(StandardCharsets.US_ASCII));
        in.addLiteral(LiteralValue.ofBytes("se cr\"".getBytes(StandardCharsets.US_ASCII)));
        in.addLine(new byte[0]);
        LoginRequest lit = (LoginRequest) parser.parse(in);
        assertThat(lit.username()).isEqualTo("alice");
        assertThat(new String(lit.password())).isEqualTo("se cr\"");
    }

    @Test
    void fetchMacrosAndSections() {
        FetchRequest all = (FetchRequest) parse("a FETCH 1:* ALL");
        assertThat(all.attributes()).hasSize(4);
        FetchRequest f = (FetchRequest) parse(
                "a UID FETCH 1,3:5,7:* (FLAGS BODY.PEEK[1.2.HEADER.FIELDS (From \"To\")]<0.100> BODY[TEXT] RFC822.SIZE)");
        assertThat(f.uid()).isTrue();
        assertThat(f.set().ranges()).hasSize(3);
        BodySection s = (BodySection) f.attributes().get(1);
        assertThat(s.peek()).isTrue();
        assertThat(s.part()).containsExactly(1, 2);
        assertThat(s.sectionText()).isEqualTo("1.2.HEADER.FIELDS (FROM TO)");
        assertThat(s.origin()).isZero();
        assertThat(s.octets()).isEqualTo(100);
        assertThat(((BodySection) f.attributes().get(2)).peek()).isFalse();
    }

    @Test
    void storeVariants() {
        StoreRequest s = (StoreRequest) parse("a STORE 2:4 -FLAGS.SILENT (\\Seen $Junk)");
        assertThat(s.operation()).isEqualTo(FlagOperation.REMOVE);
        assertThat(s.silent()).isTrue();
        assertThat(s.flags()).containsExactly("\\Seen", "$Junk");
        StoreRequest bare = (StoreRequest) parse("a STORE 1 FLAGS \\Deleted");
        assertThat(bare.operation()).isEqualTo(FlagOperation.REPLACE);
        assertThat(bare.flags()).containsExactly("\\Deleted");
    }

    @Test
    void searchTree() {
        SearchRequest r = (SearchRequest) parse(
                "a SEARCH CHARSET utf-8 OR (FROM bob SINCE 1-Feb-2024) NOT SEEN HEADER X-Spam yes 2:4 UID 9:*");
        assertThat(r.charset()).isEqualTo("UTF-8");
        SearchKey.And and = (SearchKey.And) r.key();
        assertThat(and.keys()).hasSize(4);
        assertThat(and.keys().get(0)).isInstanceOf(SearchKey.Or.class);
        assertThat(and.keys().get(1)).isEqualTo(new SearchKey.Header("X-Spam", "yes"));
        SearchRequest cc = (SearchRequest) parse("a SEARCH CC carol");
        assertThat(cc.key()).isEqualTo(new SearchKey.Header("CC", "carol"));
    }

    @Test
    void mailboxNamesAreDecodedFromModifiedUtf7() {
        MailboxRequest m = (MailboxRequest) parse("a SELECT \"Entw&APw-rfe/\"");
        assertThat(m.mailbox()).isEqualTo("Entwürfe");
        assertThat(((MailboxRequest) parse("a SELECT inbox")).mailbox()).isEqualTo("INBOX");
    }

    @Test
    void badInputIsRefusedWithTheTag() {
        for (String bad : List.of("a FETCH 0 FLAGS", "a FETCH 1:x FLAGS", "a FETCH 1 (FLAGS", "a NOPE",
                "a STORE 1 +FLAGZ (\\Seen)", "a LOGIN \"unterminated", "a SEARCH BOGUS", "a FETCH 4294967296 UID",
                "a UID FROB 1")) {
            assertThatThrownBy(() -> parse(bad)).isInstanceOf(TaggedDecodingException.class)
                    .satisfies(e -> assertThat(((TaggedDecodingException) e).tag()).isEqualTo("a"));
        }
        assertThatThrownBy(() -> parse("\u0000\u0001")).isInstanceOf(TaggedDecodingException.class)
                .satisfies(e -> assertThat(((TaggedDecodingException) e).tag()).isEqualTo("*"));
    }

    @Test
    void literalTrackerTellsMessageLiteralsFromStrings() {
        LiteralTracker t = new LiteralTracker(1000, 100);
        assertThat(t.onLine("a APPEND INBOX (\\Seen) {500}".getBytes()).orElseThrow().message()).isTrue();
        assertThat(t.onLine(new byte[0])).isEmpty();
        LiteralDecision mailbox = t.onLine("b APPEND {5}".getBytes()).orElseThrow();
        assertThat(mailbox.message()).isFalse();
        assertThat(t.onLine(" {50+}".getBytes()).orElseThrow().message()).isTrue();
        assertThat(t.onLine(new byte[0])).isEmpty();
        assertThat(t.onLine("c LOGIN {4294967296}".getBytes()).orElseThrow().tooLarge()).isTrue();
        assertThat(t.onLine("d APPEND INBOX {99999999999999999999999}".getBytes()).orElseThrow().tooLarge()).isTrue();
        assertThat(t.isStartTls("e starttls".getBytes())).isTrue();
    }
}
