package org.tern.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tern.imap.testing.ImapTestServer;
import org.tern.imap.testing.RawImapClient;

/** BODY[section] of a nested multipart message with an attached message/rfc822, and BODYSTRUCTURE. */
class FetchSectionsTest {

    private static final String MESSAGE = String.join("\r\n",
            "From: Bob <bob@example.net>",
            "To: alice@example.org",
            "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=",
            "Date: Tue, 3 Nov 2026 09:00:00 +0100",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"outer\"",
            "",
            "preamble",
            "--outer",
            "Content-Type: text/plain; charset=utf-8",
            "",
            "Part one text.",
            "--outer",
            "Content-Type: message/rfc822",
            "Content-Disposition: attachment; filename=\"fwd.eml\"",
            "",
            "From: carol@example.com",
            "Subject: Inner",
            "Content-Type: text/html; charset=us-ascii",
            "",
            "<p>inner html</p>",
            "--outer--",
            "");

    /** Message 2: an encoded personal name, a group and a Cc, for the envelope-based SEARCH keys. */
    private static final String SECOND = String.join("\r\n",
            "From: =?UTF-8?Q?J=C3=B6rg_M=C3=BCller?= <joerg@example.de>",
            "To: Friends: anna@example.org, ben@example.org;",
            "Cc: \"Carla\" <carla@example.com>",
            "Subject: plain subject",
            "Date: Wed, 4 Nov 2026 10:00:00 +0000",
            "",
            "Second body.",
            "");

    private static ImapTestServer server;
    private static RawImapClient client;

    @BeforeAll
    static void start() {
        server = new ImapTestServer();
        server.deliver(MESSAGE.getBytes(StandardCharsets.UTF_8));
        server.deliver(SECOND.getBytes(StandardCharsets.UTF_8));
        client = new RawImapClient(server.port());
        client.readLine();
        client.command("a", "LOGIN " + ImapTestServer.USER + " " + ImapTestServer.PASSWORD);
        client.command("b", "EXAMINE INBOX");
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    private static String fetch(String items) {
        List<String> lines = client.command("f", "FETCH 1 " + items);
        assertThat(lines).last().asString().startsWith("f OK");
        return String.join("\n", lines.subList(0, lines.size() - 1));
    }

    @Test
    void partsByNumber() {
        assertThat(fetch("BODY.PEEK[1]")).contains("BODY[1] {14}\nPart one text.");
        assertThat(fetch("BODY.PEEK[2.HEADER]")).contains("Subject: Inner").doesNotContain("Content-Disposition");
        assertThat(fetch("BODY.PEEK[2.TEXT]")).contains("<p>inner html</p>");
        assertThat(fetch("BODY.PEEK[2.1]")).contains("<p>inner html</p>");
        assertThat(fetch("BODY.PEEK[2.MIME]")).contains("Content-Disposition: attachment");
        assertThat(fetch("BODY.PEEK[1.MIME]")).contains("Content-Type: text/plain; charset=utf-8");
        assertThat(fetch("BODY.PEEK[HEADER.FIELDS (SUBJECT FROM)]"))
                .contains("From: Bob <bob@example.net>").contains("Subject: =?UTF-8?Q?").doesNotContain("Date:");
        assertThat(fetch("BODY.PEEK[HEADER.FIELDS.NOT (SUBJECT FROM)]")).contains("Date:").doesNotContain("Subject:");
        assertThat(fetch("BODY.PEEK[TEXT]<0.8>")).contains("BODY[TEXT]<0> {8}\npreamble");
        assertThat(fetch("RFC822.SIZE")).contains("RFC822.SIZE " + MESSAGE.length());
    }

    @Test
    void structureAndEnvelope() {
        String bs = fetch("BODYSTRUCTURE");
        assertThat(bs).contains("(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"utf-8\") NIL NIL \"7BIT\" 14 1")
                .contains("\"MESSAGE\" \"RFC822\"").contains("(\"TEXT\" \"HTML\"")
                .contains("(\"ATTACHMENT\" (\"FILENAME\" \"fwd.eml\"))").contains("\"MIXED\" (\"BOUNDARY\" \"outer\")");
        String body = fetch("BODY");
        assertThat(body).contains("\"MIXED\")").doesNotContain("BOUNDARY");
        assertThat(fetch("ENVELOPE")).contains("\"=?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\"")
                .contains("((\"Bob\" NIL \"bob\" \"example.net\"))");
    }

    @Test
    void searchDecodesHeadersAndBodies() {
        assertThat(client.command("s", "SEARCH SUBJECT grüße")).contains("* SEARCH 1");
        assertThat(client.command("s", "SEARCH CHARSET UTF-8 SUBJECT {6}".replace("{6}", "\"GRÜSSE\""))).contains("* SEARCH");
        assertThat(client.command("s", "SEARCH BODY \"INNER HTML\"")).contains("* SEARCH 1");
        assertThat(client.command("s", "SEARCH TEXT carol")).contains("* SEARCH 1");
        assertThat(client.command("s", "SEARCH BODY carol")).contains("* SEARCH");
        assertThat(client.command("s", "SEARCH SENTBEFORE 4-Nov-2026 SENTSINCE 3-Nov-2026")).contains("* SEARCH 1");
    }

    @Test
    void envelopeKeysSearchDecodedNamesAddressesAndGroups() {
        assertThat(client.command("s", "SEARCH CHARSET UTF-8 FROM \"jörg müller\"")).contains("* SEARCH 2");
        assertThat(client.command("s", "SEARCH FROM joerg@example.de")).contains("* SEARCH 2");
        assertThat(client.command("s", "SEARCH FROM bob")).contains("* SEARCH 1");
        assertThat(client.command("s", "SEARCH TO friends")).contains("* SEARCH 2");
        assertThat(client.command("s", "SEARCH TO ben@example.org")).contains("* SEARCH 2");
        assertThat(client.command("s", "SEARCH TO alice")).contains("* SEARCH 1");
        assertThat(client.command("s", "SEARCH CC carla")).contains("* SEARCH 2");
        assertThat(client.command("s", "SEARCH CC bob")).contains("* SEARCH");
        assertThat(client.command("s", "SEARCH HEADER CC \"\"")).contains("* SEARCH 2");
        assertThat(client.command("s", "SEARCH BCC \"\"")).contains("* SEARCH");
        assertThat(client.command("s", "SEARCH SUBJECT plain")).contains("* SEARCH 2");
        assertThat(client.command("s", "SEARCH SENTON 4-Nov-2026")).contains("* SEARCH 2");
        assertThat(client.command("s", "SEARCH HEADER Content-Type multipart")).contains("* SEARCH 1");
    }
}
