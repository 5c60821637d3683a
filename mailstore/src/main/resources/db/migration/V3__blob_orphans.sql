-- Bodies that may have lost their last reference (message_rows + queue_entries), recorded by the transaction
-- that dropped it; the blob collector re-checks the count and deletes the file after a grace period.
-- since: epoch millis when the blob was first seen unreferenced (the older value is kept).
CREATE TABLE blob_orphans (
    blob_id VARCHAR(64) NOT NULL PRIMARY KEY,
    since   BIGINT      NOT NULL
);
CREATE INDEX blob_orphans_since_ix ON blob_orphans (since);
