package org.tern.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HexFormat;

/**
 * Blob ids as the database keeps them: the 32 bytes of the SHA-256 rather than its 64 hex digits. Every message row,
 * facts row and index entry holds one, and each commit rewrites whole pages of them: as bytes they take half the
 * space and are written by a copy, where H2 encodes text character by character.
 */
final class BlobKeys {

    private BlobKeys() {
    }

    /** The column value of a blob id (64 hex digits); throws IllegalArgumentException for anything else. */
    static byte[] key(String blobId) {
        if (blobId.length() != 64) {
            throw new IllegalArgumentException("not a blob id: " + blobId);
        }
        return HexFormat.of().parseHex(blobId);
    }

    /** The column values of {@code blobIds}, in order, as statement arguments. */
    static Object[] keys(Collection<String> blobIds) {
        Object[] out = new Object[blobIds.size()];
        int i = 0;
        for (String id : blobIds) {
            out[i++] = key(id);
        }
        return out;
    }

    /** The blob id (lower-case hex) of a column value. */
    static String id(byte[] key) {
        return HexFormat.of().formatHex(key);
    }

    /** The blob id in {@code column} of the current row. */
    static String id(ResultSet rs, int column) throws SQLException {
        return id(rs.getBytes(column));
    }
}
