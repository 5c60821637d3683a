package org.tern.store.jdbc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.tern.store.MailStore;
import org.tern.store.Mailbox;
import org.tern.store.testing.StoreAssertions;
import org.tern.store.testing.TestMailStores;

/**
 * Reopens a store after kill -9 and checks every invariant the store promises, collecting all violations (not
 * just the first) plus the data needed to explain them: acknowledged operations present exactly once with exact
 * bytes, refused ones absent, counters equal to their rows, UID/MODSEQ bounds, blobs present with matching hash.
 */
final class CrashInvariants {

    private static final Pattern ID = Pattern.compile("Subject: crash (\\d+)\r\n");

    /** Where a delivery was acknowledged: mailbox and UID (UID -1 when the log does not say). */
    record Placement(long mailbox, long uid) {
    }

    /** What the child's side log says happened (see {@link CrashWorkload} for the line format). */
    static final class Expected {
        final Map<Long, List<Placement>> acked = new TreeMap<>();
        final Set<Long> attempted = new HashSet<>();
        final Set<Long> refused = new HashSet<>();
        final Set<String> mayBeGone = new HashSet<>();
        final List<Placement> ackedExpunged = new ArrayList<>();
        final Map<Placement, Set<String>> ackedFlags = new HashMap<>();
        final Map<Long, Placement> ackedAppends = new HashMap<>();
        final List<Placement> ackedCopies = new ArrayList<>();
        final List<String> errors = new ArrayList<>();
        final List<String> lines;
        boolean legacy;

        Expected(List<String> lines) {
            this.lines = lines;
        }

        /** {@link CrashDeliverer}'s log: bare ids, each delivered to every mailbox in {@code inboxes}. */
        static Expected legacy(List<String> lines, List<Long> inboxes) {
            Expected e = new Expected(lines);
            e.legacy = true;
            for (String l : lines) {
                if (l.isBlank() || !l.trim().chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long id = Long.parseLong(l.trim());
                e.acked.put(id, inboxes.stream().map(m -> new Placement(m, -1)).toList());
                e.attempted.add(id);
            }
            return e;
        }

        static Expected workload(List<String> lines) {
            Expected e = new Expected(lines);
            for (String line : lines) {
                String[] p = line.split(" ");
                try {
                    switch (p[0]) {
                        case "d" -> e.attempted.add(Long.parseLong(p[1]));
                        case "D" -> {
                            List<Placement> pl = new ArrayList<>();
                            for (int i = 2; i < p.length; i++) {
                                String[] mu = p[i].split(":");
                                pl.add(new Placement(Long.parseLong(mu[0]), Long.parseLong(mu[1])));
                            }
                            e.acked.put(Long.parseLong(p[1]), pl);
                        }
                        case "Q" -> e.refused.add(Long.parseLong(p[1]));
                        case "E", "e" -> e.errors.add(line);
                        case "f" -> {
                            if (p[2].equals("DELETED")) {
                                for (long uid : uids(p[3])) {
                                    e.mayBeGone.add(p[1] + ":" + uid);
                                }
                            }
                        }
                        case "F" -> {
                            if (!p[2].startsWith("-") && !p[2].equals("FLAGGED")) {
                                for (long uid : uids(p[3])) {
                                    e.ackedFlags.computeIfAbsent(new Placement(Long.parseLong(p[1]), uid),
                                            k -> new HashSet<>()).add(p[2]);
                                }
                            }
                        }
                        case "x" -> {
                            if (p[2].equals("ALL_GIVEN")) {
                                for (long uid : uids(p[3])) {
                                    e.mayBeGone.add(p[1] + ":" + uid);
                                }
                            }
                        }
                        case "X" -> {
                            if (p.length > 2) {
                                for (long uid : uids(p[2])) {
                                    e.ackedExpunged.add(new Placement(Long.parseLong(p[1]), uid));
                                }
                            }
                        }
                        case "a" -> e.attempted.add(Long.parseLong(p[1]));
                        case "A" -> e.ackedAppends.put(Long.parseLong(p[1]),
                                new Placement(Long.parseLong(p[2]), Long.parseLong(p[3])));
                        case "C" -> {
                            if (!p[4].equals("-")) {
                                for (long uid : uids(p[4])) {
                                    e.ackedCopies.add(new Placement(Long.parseLong(p[2]), uid));
                                }
                            }
                        }
                        default -> {
                        }
                    }
                } catch (RuntimeException torn) {
                    // the last line may be torn by the kill
                }
            }
            return e;
        }

        private static long[] uids(String csv) {
            if (csv.isEmpty() || csv.equals("*") || csv.equals("-")) {
                return new long[0];
            }
            return Arrays.stream(csv.split(",")).mapToLong(Long::parseLong).toArray();
        }

        List<String> linesAbout(long id) {
            Pattern p = Pattern.compile("^[dDQEaA] " + id + "( |$)");
            return lines.stream().filter(l -> p.matcher(l).find()).toList();
        }
    }

    /** Outcome: violations (empty = consistent) and a dump explaining them. */
    record Result(List<String> violations, String details, long rows) {
        boolean ok() {
            return violations.isEmpty();
        }
    }

    private record Row(long key, long mailbox, long uid, long modseq, int flags, long size, String blob,
                       boolean recent, boolean seen) {
    }

    private CrashInvariants() {
    }

    /** Copies the database file(s) as the kill left them, before a reopen recovers (rewrites) them. */
    static void snapshotDatabase(Path data, Path to) throws IOException {
        Files.createDirectories(to);
        if (!Files.isDirectory(data.resolve("db"))) {
            return; // the child died before it created the store; the check reports what is missing
        }
        try (Stream<Path> files = Files.list(data.resolve("db"))) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Keeps the evidence: the database as killed (from {@code snapshot}), the blobs, the logs and the report. */
    static void keepEvidence(Path data, Path snapshot, Path evidence, String report, Path... logs) throws IOException {
        Files.createDirectories(evidence);
        copyTree(snapshot, evidence.resolve("db-as-killed"));
        copyTree(data, evidence.resolve("data-after-reopen"));
        for (Path l : logs) {
            if (Files.exists(l)) {
                Files.copy(l, evidence.resolve(l.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.writeString(evidence.resolve("report.txt"), report);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.exists(from)) {
            return;
        }
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static Result check(Path data, Function<MailStore, Expected> expectation, LongFunction<byte[]> bodyOf)
            throws Exception {
        List<String> v = new ArrayList<>();
        StringBuilder details = new StringBuilder();
        Expected exp;
        try (MailStore store = TestMailStores.open(data)) {
            exp = expectation.apply(store);
            try (Stream<Path> tmp = Files.list(data.resolve("tmp"))) {
                long n = tmp.count();
                if (n != 0) {
                    v.add("tmp/ holds " + n + " files after open");
                }
            }
            for (String address : CrashWorkload.ADDRESSES) {
                var acc = store.directory().account(address);
                if (acc.isEmpty()) {
                    continue;
                }
                for (Mailbox mb : store.mailboxes().list(acc.get().id())) {
                    v.addAll(StoreAssertions.counterMismatches(store, mb.id()));
                }
            }
        }
        // Raw rows, with the store closed (reading them through the same H2 file from a second URL is not allowed).
        String url = "jdbc:h2:file:" + data.toAbsolutePath().resolve("db").resolve("tern");
        Map<Long, long[]> accounts = new TreeMap<>(); // id -> message_count, used_bytes, quota
        Map<Long, String> addresses = new HashMap<>();
        // id -> account, uid_next, highest_modseq, count, unseen, recent, size, first_recent_uid
        Map<Long, long[]> mailboxes = new TreeMap<>();
        List<Row> rows = new ArrayList<>();
        Map<Placement, Long> tombstones = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery(
                    "SELECT id, address, message_count, used_bytes, quota_bytes FROM accounts ORDER BY id")) {
                while (rs.next()) {
                    accounts.put(rs.getLong(1), new long[] {rs.getLong(3), rs.getLong(4), rs.getLong(5)});
                    addresses.put(rs.getLong(1), rs.getString(2));
                }
            }
            // \Recent is a per-mailbox UID floor (V4): rows with uid >= first_recent_uid are recent
            try (ResultSet rs = st.executeQuery("SELECT id, account_id, uid_next, highest_modseq, message_count,"
                    + " unseen_count, recent_count, size_bytes, first_recent_uid FROM mailboxes ORDER BY id")) {
                while (rs.next()) {
                    mailboxes.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4),
                            rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9)});
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT r.msg_key, r.mailbox_id, r.uid, r.modseq, r.flags, r.size,"
                    + " r.blob_id, r.uid >= m.first_recent_uid, r.seen FROM message_rows r"
                    + " LEFT JOIN mailboxes m ON m.id = r.mailbox_id ORDER BY r.msg_key")) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getInt(5),
                            rs.getLong(6), BlobKeys.id(rs, 7), rs.getBoolean(8), rs.getBoolean(9)));
                }
            }
            // Every row's body row exists and names the row's blob; no body row is left without a message row.
            try (ResultSet rs = st.executeQuery("SELECT r.msg_key, r.body_id FROM message_rows r"
                    + " LEFT JOIN bodies b ON b.body_id = r.body_id WHERE b.body_id IS NULL OR b.blob_id <> r.blob_id")) {
                while (rs.next()) {
                    v.add("row " + rs.getLong(1) + " refers to body " + rs.getLong(2) + ", missing or another blob");
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT b.body_id FROM bodies b WHERE NOT EXISTS"
                    + " (SELECT 1 FROM message_rows r WHERE r.body_id = b.body_id)")) {
                while (rs.next()) {
                    v.add("body " + rs.getLong(1) + " has no message row");
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT mailbox_id, uid, modseq FROM expunged")) {
                while (rs.next()) {
                    tombstones.put(new Placement(rs.getLong(1), rs.getLong(2)), rs.getLong(3));
                }
            }
        }

        // Blobs and message ids.
        Map<String, Long> idOfBlob = new HashMap<>();
        for (String blob : rows.stream().map(Row::blob).collect(Collectors.toCollection(LinkedHashSet::new))) {
            Path f = data.resolve("blobs").resolve(blob.substring(0, 2)).resolve(blob);
            if (!Files.exists(f)) {
                v.add("blob " + blob + " missing (rows " + keysOf(rows, blob) + ")");
                continue;
            }
            byte[] bytes = Files.readAllBytes(f);
            if (!sha256(bytes).equals(blob)) {
                v.add("blob " + blob + " has SHA-256 " + sha256(bytes));
            }
            Matcher m = ID.matcher(new String(bytes, StandardCharsets.US_ASCII));
            if (!m.find()) {
                v.add("blob " + blob + " has no crash subject");
                continue;
            }
            long id = Long.parseLong(m.group(1));
            idOfBlob.put(blob, id);
            if (!Arrays.equals(bytes, bodyOf.apply(id))) {
                v.add("blob " + blob + " (id " + id + ") differs from the bytes that were delivered");
            }
            for (Row r : rows) {
                if (r.blob().equals(blob) && r.size() != bytes.length) {
                    v.add("row " + r + " size " + r.size() + " but blob has " + bytes.length + " bytes");
                }
            }
        }

        // Counters against rows: accounts and mailboxes.
        Set<Long> suspectMailboxes = new LinkedHashSet<>();
        for (var a : accounts.entrySet()) {
            Set<Long> own = mailboxes.entrySet().stream().filter(e -> e.getValue()[0] == a.getKey())
                    .map(Map.Entry::getKey).collect(Collectors.toSet());
            List<Row> its = rows.stream().filter(r -> own.contains(r.mailbox())).toList();
            long bytes = its.stream().mapToLong(Row::size).sum();
            if (a.getValue()[0] != its.size() || a.getValue()[1] != bytes) {
                v.add("account " + a.getKey() + " " + addresses.get(a.getKey()) + ": message_count "
                        + a.getValue()[0] + " used_bytes " + a.getValue()[1] + " but its rows: " + its.size()
                        + " messages, " + bytes + " bytes (mailboxes " + own + ")");
                suspectMailboxes.addAll(own);
            }
            if (a.getValue()[2] >= 0 && a.getValue()[1] > a.getValue()[2]) {
                v.add("account " + addresses.get(a.getKey()) + " over quota: " + a.getValue()[1] + " > "
                        + a.getValue()[2]);
            }
        }
        for (var e : mailboxes.entrySet()) {
            long id = e.getKey();
            long[] mb = e.getValue();
            List<Row> its = rows.stream().filter(r -> r.mailbox() == id).toList();
            long unseen = its.stream().filter(r -> !r.seen()).count();
            long recent = its.stream().filter(Row::recent).count();
            long size = its.stream().mapToLong(Row::size).sum();
            long maxUid = its.stream().mapToLong(Row::uid).max().orElse(0);
            long maxModSeq = its.stream().mapToLong(Row::modseq).max().orElse(0);
            long maxTomb = tombstones.entrySet().stream().filter(t -> t.getKey().mailbox() == id)
                    .mapToLong(Map.Entry::getValue).max().orElse(0);
            long maxTombUid = tombstones.keySet().stream().filter(t -> t.mailbox() == id)
                    .mapToLong(Placement::uid).max().orElse(0);
            String w = "mailbox " + id + ": ";
            int before = v.size();
            check(v, mb[3] == its.size(), w + "message_count " + mb[3] + " but " + its.size() + " rows");
            check(v, mb[4] == unseen, w + "unseen_count " + mb[4] + " but " + unseen + " unseen rows");
            check(v, mb[5] == recent, w + "recent_count " + mb[5] + " but " + recent + " recent rows");
            check(v, mb[6] == size, w + "size_bytes " + mb[6] + " but rows sum to " + size);
            check(v, mb[1] > maxUid, w + "uid_next " + mb[1] + " <= max uid " + maxUid);
            check(v, mb[1] > maxTombUid, w + "uid_next " + mb[1] + " <= max expunged uid " + maxTombUid);
            check(v, mb[2] >= maxModSeq, w + "highest_modseq " + mb[2] + " < max row modseq " + maxModSeq);
            check(v, mb[2] >= maxTomb, w + "highest_modseq " + mb[2] + " < max tombstone modseq " + maxTomb);
            for (Row r : its) {
                check(v, r.key() == MessageRows.key(id, r.uid()), w + "row key " + r.key() + " does not match uid "
                        + r.uid());
                check(v, r.seen() == ((r.flags() & FlagCodec.SEEN_BIT) != 0), w + "seen column disagrees with"
                        + " flags in " + r);
                check(v, !tombstones.containsKey(new Placement(id, r.uid())), w + "uid " + r.uid()
                        + " is both a row and a tombstone");
            }
            if (v.size() > before) {
                suspectMailboxes.add(id);
            }
        }

        // Acknowledged and refused operations.
        Map<Placement, Row> byPlace = new HashMap<>();
        Map<Long, Map<Long, Integer>> idCountByMailbox = new HashMap<>();
        for (Row r : rows) {
            byPlace.put(new Placement(r.mailbox(), r.uid()), r);
            Long id = idOfBlob.get(r.blob());
            if (id != null) {
                idCountByMailbox.computeIfAbsent(r.mailbox(), k -> new HashMap<>()).merge(id, 1, Integer::sum);
                if (!exp.legacy && !exp.attempted.contains(id)) {
                    v.add("row " + r + " holds id " + id + " that was never attempted");
                }
                if (exp.refused.contains(id)) {
                    v.add("row " + r + " holds id " + id + " whose delivery was refused (over quota)");
                }
            }
        }
        Set<Long> suspectIds = new LinkedHashSet<>();
        for (var a : exp.acked.entrySet()) {
            long id = a.getKey();
            for (Placement p : a.getValue()) {
                int n = idCountByMailbox.getOrDefault(p.mailbox(), Map.of()).getOrDefault(id, 0);
                if (p.uid() < 0) {
                    if (n != 1) {
                        v.add("acknowledged id " + id + " found " + n + " times in mailbox " + p.mailbox());
                        suspectIds.add(id);
                        suspectMailboxes.add(p.mailbox());
                    }
                    continue;
                }
                Row r = byPlace.get(p);
                if (r == null) {
                    if (!exp.mayBeGone.contains(p.mailbox() + ":" + p.uid())) {
                        v.add("acknowledged delivery " + id + " missing at " + p + " (never flagged \\Deleted or"
                                + " expunged)" + (tombstones.containsKey(p) ? " but a tombstone exists" : ""));
                        suspectIds.add(id);
                        suspectMailboxes.add(p.mailbox());
                    }
                } else if (!Long.valueOf(id).equals(idOfBlob.get(r.blob()))) {
                    v.add("acknowledged delivery " + id + " at " + p + " holds id " + idOfBlob.get(r.blob()));
                    suspectIds.add(id);
                }
                if (n > 1) {
                    v.add("acknowledged delivery " + id + " found " + n + " times in mailbox " + p.mailbox());
                    suspectIds.add(id);
                }
            }
        }
        for (var m : idCountByMailbox.entrySet()) {
            for (var c : m.getValue().entrySet()) {
                if (c.getValue() > 1 && c.getKey() < CrashWorkload.APPEND_BASE && !isArchive(exp, m.getKey())) {
                    v.add("id " + c.getKey() + " delivered " + c.getValue() + " times into mailbox " + m.getKey());
                    suspectIds.add(c.getKey());
                }
            }
        }
        for (var a : exp.ackedAppends.entrySet()) {
            Row r = byPlace.get(a.getValue());
            if (r == null || !a.getKey().equals(idOfBlob.get(r.blob()))) {
                v.add("acknowledged append " + a.getKey() + " not at " + a.getValue() + ": " + r);
            }
        }
        for (Placement p : exp.ackedCopies) {
            if (!byPlace.containsKey(p)) {
                v.add("acknowledged copy destination " + p + " missing");
            }
        }
        for (Placement p : exp.ackedExpunged) {
            if (byPlace.containsKey(p)) {
                v.add("acknowledged expunge of " + p + " but the row is there: " + byPlace.get(p));
            }
            if (!tombstones.containsKey(p)) {
                v.add("acknowledged expunge of " + p + " left no tombstone");
            }
        }
        for (var f : exp.ackedFlags.entrySet()) {
            Row r = byPlace.get(f.getKey());
            if (r == null) {
                continue;
            }
            if (f.getValue().contains("SEEN") && !r.seen()) {
                v.add("acknowledged \\Seen on " + f.getKey() + " lost: " + r);
            }
            if (f.getValue().contains("DELETED") && (r.flags() & FlagCodec.DELETED_BIT) == 0) {
                v.add("acknowledged \\Deleted on " + f.getKey() + " lost: " + r);
            }
        }
        for (String err : exp.errors) {
            v.add("child reported an unexpected failure: " + err);
        }

        if (!v.isEmpty()) {
            details.append("accounts (id address message_count used_bytes quota):\n");
            accounts.forEach((id, a) -> details.append("  ").append(id).append(' ').append(addresses.get(id))
                    .append(' ').append(Arrays.toString(a)).append('\n'));
            details.append("mailboxes (id: account uid_next highest_modseq message_count unseen recent size"
                    + " first_recent_uid):\n");
            mailboxes.forEach((id, m) -> details.append("  ").append(id).append(": ").append(Arrays.toString(m))
                    .append('\n'));
            for (long mb : suspectMailboxes) {
                details.append("rows of mailbox ").append(mb).append(" (uid modseq flags size recent seen id acked?):\n");
                for (Row r : rows) {
                    if (r.mailbox() == mb) {
                        Long id = idOfBlob.get(r.blob());
                        details.append("  ").append(r.uid()).append(' ').append(r.modseq()).append(' ')
                                .append(r.flags()).append(' ').append(r.size()).append(' ').append(r.recent())
                                .append(' ').append(r.seen()).append(" id=").append(id).append(
                                        id != null && exp.acked.containsKey(id) ? " ACKED" : " unacked").append('\n');
                    }
                }
                details.append("tombstones of mailbox ").append(mb).append(": ").append(tombstones.entrySet().stream()
                        .filter(t -> t.getKey().mailbox() == mb).map(t -> t.getKey().uid() + "@" + t.getValue())
                        .sorted().collect(Collectors.joining(" "))).append('\n');
                Set<Long> ids = rows.stream().filter(r -> r.mailbox() == mb).map(r -> idOfBlob.get(r.blob()))
                        .collect(Collectors.toSet());
                List<Long> ackedMissing = exp.acked.entrySet().stream()
                        .filter(e -> e.getValue().stream().anyMatch(p -> p.mailbox() == mb)
                                && !ids.contains(e.getKey())).map(Map.Entry::getKey).toList();
                List<Long> unackedPresent = ids.stream().filter(id -> id != null && !exp.acked.containsKey(id)
                        && !exp.ackedAppends.containsKey(id)).sorted().toList();
                details.append("  acked ids not in it: ").append(ackedMissing).append('\n');
                details.append("  unacked ids in it (in flight at the kill): ").append(unackedPresent).append('\n');
                for (long id : unackedPresent) {
                    details.append("    log of ").append(id).append(": ").append(exp.linesAbout(id)).append('\n');
                }
            }
            for (long id : suspectIds) {
                details.append("log of id ").append(id).append(": ").append(exp.linesAbout(id)).append('\n');
            }
            int from = Math.max(0, exp.lines.size() - 60);
            details.append("last ").append(exp.lines.size() - from).append(" log lines:\n");
            exp.lines.subList(from, exp.lines.size()).forEach(l -> details.append("  ").append(l).append('\n'));
        }
        return new Result(v, details.toString(), rows.size());
    }

    private static boolean isArchive(Expected exp, long mailbox) {
        return exp.lines.stream().anyMatch(l -> l.equals("M archive " + mailbox));
    }

    private static void check(List<String> v, boolean ok, String violation) {
        if (!ok) {
            v.add(violation);
        }
    }

    private static String keysOf(List<Row> rows, String blob) {
        return rows.stream().filter(r -> r.blob().equals(blob)).map(r -> r.mailbox() + ":" + r.uid())
                .collect(Collectors.joining(","));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads whole lines of a side log written by a killed process (a torn last line is dropped). */
    static List<String> readLog(Path side) throws IOException {
        String s = Files.readString(side, StandardCharsets.US_ASCII);
        int end = s.lastIndexOf('\n');
        if (end < 0) {
            return List.of();
        }
        return s.substring(0, end).lines().filter(l -> !l.isBlank()).toList();
    }

    static String tail(Path file, int maxChars) {
        try {
            String s = Files.readString(file);
            return s.length() <= maxChars ? s : "..." + s.substring(s.length() - maxChars);
        } catch (IOException e) {
            return "(no " + file + ": " + e + ")";
        }
    }
}
