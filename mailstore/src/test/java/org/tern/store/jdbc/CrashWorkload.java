package org.tern.store.jdbc;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import org.tern.store.Account;
import org.tern.store.AppendResult;
import org.tern.store.CopyResult;
import org.tern.store.Delivery;
import org.tern.store.DeliveryReceipt;
import org.tern.store.ExpungeMode;
import org.tern.store.FlagOperation;
import org.tern.store.Flags;
import org.tern.store.MailStore;
import org.tern.store.Mailbox;
import org.tern.store.MessageMeta;
import org.tern.store.Origin;
import org.tern.store.QuotaExceededException;
import org.tern.store.UidSet;
import org.tern.store.testing.TestMailStores;

/**
 * Child JVM of {@link CrashLoopCheck}: 8 threads deliver numbered messages to three accounts (some to several, one
 * account with a small quota so some deliveries must fail) while one thread stores flags, expunges, appends and
 * copies, until killed. Every operation logs an intent line before it starts and an acknowledgement line after
 * it returned (lower case = intent, upper case = ack), so the parent knows what must, may and must not be there.
 *
 * <p>Log lines: {@code d id} / {@code D id mbox:uid...} / {@code Q id} (refused: over quota) / {@code E id err};
 * {@code f mbox FLAG uids} / {@code F mbox FLAG uids}; {@code x mbox MODE uids} / {@code X mbox uids};
 * {@code a id mbox} / {@code A id mbox uid}; {@code c src dst uids} / {@code C src dst srcUids dstUids};
 * {@code M name id} (mailbox ids, at start); {@code READY}.
 */
public final class CrashWorkload {

    static final int THREADS = 8;
    static final long APPEND_BASE = 10_000_000L;
    static final long SMALL_QUOTA = 400_000L;

    private final MailStore store;
    private final OutputStream log;

    private CrashWorkload(MailStore store, OutputStream log) {
        this.store = store;
        this.log = log;
    }

    /** Exact bytes of message {@code id}: varied sizes from ~400 bytes to ~60 KB, deterministic. */
    public static byte[] body(long id) {
        StringBuilder sb = new StringBuilder();
        sb.append("From: crash@example.net\r\nSubject: crash ").append(id).append("\r\n\r\n");
        long lines = 10 + (id * 7919) % 300 + (id % 13 == 0 ? 2000 : 0);
        for (long i = 0; i < lines; i++) {
            sb.append("line ").append(i).append(" of message ").append(id).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Recipients of delivery {@code id} by index into (a, b, c): some single, some multi-recipient. */
    static int[] recipients(long id) {
        return switch ((int) (id % 6)) {
            case 0 -> new int[] {0, 1, 2};
            case 1 -> new int[] {0};
            case 2 -> new int[] {1};
            case 3 -> new int[] {0, 2};
            case 4 -> new int[] {1, 2};
            default -> new int[] {0, 1};
        };
    }

    static final String[] ADDRESSES = {"a@example.org", "b@example.org", "c@example.org"};

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path side = Path.of(args[1]);
        long seed = Long.parseLong(args[2]);
        MailStore store = TestMailStores.open(dir);
        Account[] accounts = setUp(store);
        Account a = accounts[0];
        Mailbox archive = store.mailboxes().find(a.id(), "Archive").orElseThrow();
        try (OutputStream out = new FileOutputStream(side.toFile(), true)) {
            CrashWorkload w = new CrashWorkload(store, out);
            long[] inbox = new long[3];
            for (int i = 0; i < 3; i++) {
                inbox[i] = store.mailboxes().find(accounts[i].id(), "INBOX").orElseThrow().id();
                w.log("M " + ADDRESSES[i] + " " + inbox[i]);
            }
            w.log("M archive " + archive.id());
            w.log("READY");
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                threads.add(new Thread(() -> w.deliverLoop(thread, accounts), "deliver-" + t));
            }
            threads.add(new Thread(() -> w.opsLoop(new Random(seed), inbox, archive.id()), "ops"));
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }
        }
    }

    /** Creates the three accounts and a's Archive unless a template data dir already has them. */
    static Account[] setUp(MailStore store) {
        Account[] out = new Account[3];
        for (int i = 0; i < 3; i++) {
            String address = ADDRESSES[i];
            long quota = i == 2 ? SMALL_QUOTA : Account.UNLIMITED;
            out[i] = store.directory().account(address)
                    .orElseGet(() -> TestMailStores.account(store, address, "p", quota));
        }
        if (store.mailboxes().find(out[0].id(), "Archive").isEmpty()) {
            store.mailboxes().create(out[0].id(), "Archive", java.util.Set.of());
        }
        return out;
    }

    private void deliverLoop(int thread, Account[] accounts) {
        for (long n = 0; ; n++) {
            long id = n * THREADS + thread;
            List<Long> to = new ArrayList<>();
            for (int r : recipients(id)) {
                to.add(accounts[r].id());
            }
            log("d " + id);
            try {
                DeliveryReceipt receipt = store.messages().deliver(new Delivery(TestMailStores.incoming(store,
                        body(id)), "crash@example.net", to, List.of(), Delivery.DsnRequest.NONE));
                log("D " + id + " " + receipt.placements().stream().map(p -> p.mailboxId() + ":" + p.uid())
                        .collect(Collectors.joining(" ")));
            } catch (QuotaExceededException e) {
                log("Q " + id);
            } catch (RuntimeException e) {
                log("E " + id + " " + e.toString().replace('\n', ' '));
            }
        }
    }

    private void opsLoop(Random rnd, long[] inbox, long archive) {
        long appends = 0;
        while (true) {
            try {
                int op = rnd.nextInt(10);
                long mbox = inbox[rnd.nextInt(3)];
                List<MessageMeta> rows = store.messages().list(mbox, UidSet.ALL);
                if (op == 9) {
                    long id = APPEND_BASE + appends++;
                    log("a " + id + " " + archive);
                    AppendResult r = store.messages().append(archive, TestMailStores.incoming(store, body(id)),
                            rnd.nextBoolean() ? Flags.of(Flags.SystemFlag.SEEN) : Flags.NONE, null, Origin.SYSTEM);
                    log("A " + id + " " + archive + " " + r.uid());
                    continue;
                }
                if (op == 8) {
                    store.messages().claimRecent(mbox);
                    continue;
                }
                if (rows.isEmpty()) {
                    Thread.sleep(5);
                    continue;
                }
                List<Long> some = pick(rnd, rows, 1 + rnd.nextInt(6));
                String uids = some.stream().map(String::valueOf).collect(Collectors.joining(","));
                if (op <= 2) {
                    String flag = switch (op) {
                        case 0 -> "SEEN";
                        case 1 -> "DELETED";
                        default -> "FLAGGED";
                    };
                    FlagOperation how = op == 2 && rnd.nextBoolean() ? FlagOperation.REMOVE : FlagOperation.ADD;
                    String what = how == FlagOperation.REMOVE ? "-" + flag : flag;
                    log("f " + mbox + " " + what + " " + uids);
                    store.messages().storeFlags(mbox, UidSet.of(some), how,
                            Flags.of(Flags.SystemFlag.valueOf(flag)), 0, Origin.SYSTEM);
                    log("F " + mbox + " " + what + " " + uids);
                } else if (op <= 4) {
                    // expunge: \Deleted ones, or (the small-quota account, to make room) the oldest few outright
                    boolean all = mbox == inbox[2] && op == 4;
                    List<Long> target = all ? rows.stream().limit(8).map(MessageMeta::uid).toList()
                            : rows.stream().map(MessageMeta::uid).toList();
                    String t = all ? target.stream().map(String::valueOf).collect(Collectors.joining(",")) : "*";
                    log("x " + mbox + " " + (all ? "ALL_GIVEN" : "DELETED_ONLY") + " " + t);
                    List<Long> gone = store.messages().expunge(mbox, all ? UidSet.of(target) : UidSet.ALL,
                            all ? ExpungeMode.ALL_GIVEN : ExpungeMode.DELETED_ONLY, Origin.SYSTEM);
                    log("X " + mbox + " " + gone.stream().map(String::valueOf).collect(Collectors.joining(",")));
                } else if (mbox == inbox[0]) {
                    log("c " + mbox + " " + archive + " " + uids);
                    CopyResult r = store.messages().copy(mbox, UidSet.of(some), archive, Origin.SYSTEM);
                    log("C " + mbox + " " + archive + " " + join(r.sourceUids()) + " " + join(r.destUids()));
                } else {
                    Thread.sleep(1);
                }
            } catch (QuotaExceededException e) {
                log("q " + e.getMessage().replace('\n', ' '));
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log("e " + e.toString().replace('\n', ' '));
            }
        }
    }

    private static String join(List<Long> l) {
        return l.isEmpty() ? "-" : l.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static List<Long> pick(Random rnd, List<MessageMeta> rows, int n) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long uid = rows.get(rnd.nextInt(rows.size())).uid();
            if (!out.contains(uid)) {
                out.add(uid);
            }
        }
        return out;
    }

    /** One write() per line, so a SIGKILL leaves whole lines (a torn last line is ignored by the reader). */
    private void log(String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.US_ASCII);
        synchronized (log) {
            try {
                log.write(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
