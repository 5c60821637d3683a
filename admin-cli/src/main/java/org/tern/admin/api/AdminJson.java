package org.tern.admin.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tern.admin.json.JsonException;
import org.tern.admin.json.JsonObject;
import org.tern.admin.service.AliasInfo;
import org.tern.admin.service.DomainInfo;
import org.tern.admin.service.ListenerInfo;
import org.tern.admin.service.MailboxInfo;
import org.tern.admin.service.QueueEntryInfo;
import org.tern.admin.service.QueueRecipientInfo;
import org.tern.admin.service.ServerStatus;
import org.tern.admin.service.UserInfo;
import org.tern.admin.service.VersionInfo;

/**
 * The JSON shape of every admin value, one mapping used by the API, its client and {@code --json} output.
 * Instants are ISO-8601 UTC strings; an unlimited quota is {@code "quotaBytes": null}.
 */
public final class AdminJson {

    private AdminJson() {
    }

    public static Map<String, Object> domain(DomainInfo d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", d.name());
        m.put("created", instant(d.created()));
        m.put("accounts", d.accounts());
        m.put("aliases", d.aliases());
        return m;
    }

    public static DomainInfo domain(JsonObject o) {
        return new DomainInfo(o.string("name"), instant(o, "created"), o.longValue("accounts"),
                o.longValue("aliases"));
    }

    public static Map<String, Object> user(UserInfo u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", u.address());
        m.put("domain", u.domain());
        m.put("quotaBytes", u.hasQuota() ? u.quotaBytes() : null);
        m.put("usedBytes", u.usedBytes());
        m.put("messages", u.messages());
        m.put("disabled", u.disabled());
        m.put("created", instant(u.created()));
        return m;
    }

    public static UserInfo user(JsonObject o) {
        return new UserInfo(o.string("address"), o.string("domain"), quota(o, "quotaBytes"),
                o.longValue("usedBytes"), o.longValue("messages"), o.bool("disabled", false),
                instant(o, "created"));
    }

    /** A quota field: null or absent (or -1) means unlimited. */
    public static long quota(JsonObject o, String field) {
        long q = o.optionalLong(field).orElse(UserInfo.UNLIMITED);
        return q < 0 ? UserInfo.UNLIMITED : q;
    }

    public static Map<String, Object> alias(AliasInfo a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", a.source());
        m.put("targets", a.targets());
        return m;
    }

    public static AliasInfo alias(JsonObject o) {
        return new AliasInfo(o.string("source"), o.stringList("targets"));
    }

    public static Map<String, Object> mailbox(MailboxInfo b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", b.name());
        m.put("messages", b.messages());
        m.put("unseen", b.unseen());
        m.put("sizeBytes", b.sizeBytes());
        m.put("specialUse", b.specialUse());
        m.put("selectable", b.selectable());
        return m;
    }

    public static MailboxInfo mailbox(JsonObject o) {
        return new MailboxInfo(o.string("name"), o.longValue("messages"), o.longValue("unseen"),
                o.longValue("sizeBytes"), o.stringList("specialUse"), o.bool("selectable", true));
    }

    public static Map<String, Object> queueEntry(QueueEntryInfo e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("sender", e.sender());
        m.put("recipients", e.recipients().stream().map(AdminJson::queueRecipient).toList());
        m.put("created", instant(e.created()));
        m.put("nextAttempt", instant(e.nextAttempt()));
        m.put("attempts", (long) e.attempts());
        m.put("lastError", e.lastError());
        return m;
    }

    private static Map<String, Object> queueRecipient(QueueRecipientInfo r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", r.address());
        m.put("status", r.status());
        m.put("lastResponse", r.lastResponse());
        return m;
    }

    public static QueueEntryInfo queueEntry(JsonObject o) {
        List<QueueRecipientInfo> recipients = o.objectList("recipients").stream()
                .map(r -> new QueueRecipientInfo(r.string("address"), r.string("status"),
                        r.optionalString("lastResponse").orElse("")))
                .toList();
        return new QueueEntryInfo(o.longValue("id"), o.optionalString("sender").orElse(""), recipients,
                instant(o, "created"), instant(o, "nextAttempt"), Math.toIntExact(o.longValue("attempts")),
                o.optionalString("lastError").orElse(""));
    }

    public static Map<String, Object> status(ServerStatus s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("running", s.running());
        m.put("version", s.version());
        m.put("started", instant(s.started()));
        m.put("uptimeSeconds", s.uptimeSeconds());
        m.put("listeners", s.listeners().stream().map(AdminJson::listener).toList());
        m.put("domains", s.domains());
        m.put("accounts", s.accounts());
        m.put("messages", s.messages());
        m.put("queueEntries", s.queueEntries());
        m.put("queueOldestAgeSeconds", s.queueOldestAgeSeconds());
        m.put("storeBytes", s.storeBytes());
        return m;
    }

    private static Map<String, Object> listener(ListenerInfo l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", l.name());
        m.put("address", l.address());
        m.put("up", l.up());
        return m;
    }

    public static ServerStatus status(JsonObject o) {
        List<ListenerInfo> listeners = o.objectList("listeners").stream()
                .map(l -> new ListenerInfo(l.string("name"), l.string("address"), l.bool("up", false)))
                .toList();
        return new ServerStatus(o.bool("running", false), o.string("version"), instant(o, "started"),
                o.longValue("uptimeSeconds"), listeners, o.longValue("domains"), o.longValue("accounts"),
                o.longValue("messages"), o.longValue("queueEntries"), o.longValue("queueOldestAgeSeconds"),
                o.longValue("storeBytes"));
    }

    public static Map<String, Object> version(VersionInfo v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", v.version());
        m.put("java", v.java());
        return m;
    }

    public static VersionInfo version(JsonObject o) {
        return new VersionInfo(o.string("version"), o.string("java"));
    }

    private static String instant(Instant i) {
        return i == null ? null : i.toString();
    }

    private static Instant instant(JsonObject o, String field) {
        String s = o.optionalString(field).orElse(null);
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new JsonException("field \"" + field + "\" must be an ISO-8601 instant");
        }
    }
}
