package org.tern.store;

import java.util.List;

/** Messages changed and UIDs expunged after a MODSEQ. */
public record Changes(long highestModSeq, List<MessageMeta> changed, List<Long> expungedUids) {
}
