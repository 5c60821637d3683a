-- \Recent (RFC 3501) as a per-mailbox UID floor: the messages of a mailbox with uid >= first_recent_uid are
-- recent. New messages always get the highest UIDs and a claim takes every recent message at once, so the
-- recent ones are always a suffix of the mailbox; claiming is one row update instead of rewriting every claimed
-- message row, and deliveries no longer maintain an index on a recent column.
ALTER TABLE mailboxes ADD COLUMN first_recent_uid BIGINT DEFAULT 1 NOT NULL;
UPDATE mailboxes SET first_recent_uid = COALESCE(
    (SELECT MIN(m.uid) FROM message_rows m WHERE m.mailbox_id = mailboxes.id AND m.recent = TRUE), uid_next);
UPDATE mailboxes SET recent_count =
    (SELECT COUNT(*) FROM message_rows m WHERE m.mailbox_id = mailboxes.id AND m.uid >= mailboxes.first_recent_uid);
DROP INDEX message_rows_recent_ix;
ALTER TABLE message_rows DROP COLUMN recent;
