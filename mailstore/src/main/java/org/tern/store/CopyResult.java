package org.tern.store;

import java.util.List;

/** Source and destination UIDs of a COPY or MOVE, in the same order (RFC 4315 COPYUID). */
public record CopyResult(long destUidValidity, List<Long> sourceUids, List<Long> destUids) {
}
