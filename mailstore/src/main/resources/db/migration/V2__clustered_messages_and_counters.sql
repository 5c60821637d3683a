-- Messages keyed by msg_key = mailbox_id * 2^32 + uid: one mailbox's rows are one contiguous key range in UID
-- order, so SELECT (all UIDs) and FETCH 1:* scan the table's own key instead of looking up every row through a
-- secondary index. (UIDs are 32-bit by RFC 3501; mailbox ids stay far below 2^31.)
-- seen duplicates the \Seen bit so the first unseen message is one index seek.
CREATE TABLE message_rows (
    msg_key       BIGINT        NOT NULL PRIMARY KEY,
    mailbox_id    BIGINT        NOT NULL,
    uid           BIGINT        NOT NULL,
    modseq        BIGINT        NOT NULL,
    flags         INT           NOT NULL,
    keywords      VARCHAR(4000),
    internal_date BIGINT        NOT NULL,
    size          BIGINT        NOT NULL,
    blob_id       VARCHAR(64)   NOT NULL,
    recent        BOOLEAN       NOT NULL,
    seen          BOOLEAN       NOT NULL,
    CONSTRAINT message_rows_mailbox_fk FOREIGN KEY (mailbox_id) REFERENCES mailboxes (id) ON DELETE CASCADE
);
INSERT INTO message_rows (msg_key, mailbox_id, uid, modseq, flags, keywords, internal_date, size, blob_id, recent, seen)
    SELECT mailbox_id * 4294967296 + uid, mailbox_id, uid, modseq, flags, keywords, internal_date, size, blob_id,
           recent, MOD(flags, 2) = 1
    FROM messages;
DROP TABLE messages;
CREATE INDEX message_rows_modseq_ix ON message_rows (mailbox_id, modseq);
CREATE INDEX message_rows_blob_ix ON message_rows (blob_id);
CREATE INDEX message_rows_recent_ix ON message_rows (mailbox_id, recent);
CREATE INDEX message_rows_unseen_ix ON message_rows (mailbox_id, seen, uid);

-- Per-mailbox counters for STATUS/SELECT, maintained in the same transaction as every change.
ALTER TABLE mailboxes ADD COLUMN message_count BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE mailboxes ADD COLUMN unseen_count BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE mailboxes ADD COLUMN recent_count BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE mailboxes ADD COLUMN size_bytes BIGINT DEFAULT 0 NOT NULL;
UPDATE mailboxes SET
    message_count = (SELECT COUNT(*) FROM message_rows m WHERE m.mailbox_id = mailboxes.id),
    unseen_count = (SELECT COUNT(*) FROM message_rows m WHERE m.mailbox_id = mailboxes.id AND m.seen = FALSE),
    recent_count = (SELECT COUNT(*) FROM message_rows m WHERE m.mailbox_id = mailboxes.id AND m.recent = TRUE),
    size_bytes = (SELECT COALESCE(SUM(size), 0) FROM message_rows m WHERE m.mailbox_id = mailboxes.id);
