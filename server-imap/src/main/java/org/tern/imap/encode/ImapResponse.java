package org.tern.imap.encode;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.tern.store.mime.BodyPart;
import org.tern.store.mime.Envelope;

/** Responses a processor produces; {@link ResponseEncoder} turns them into bytes. */
public sealed interface ImapResponse {

    enum Condition { OK, NO, BAD, BYE, PREAUTH }

    /** Tagged or untagged ({@code tag} "*") status; {@code code} without brackets, or null. */
    record Status(String tag, Condition condition, String code, String text) implements ImapResponse {
        public static Status untagged(Condition c, String code, String text) {
            return new Status("*", c, code, text);
        }
    }

    record Continuation(String text) implements ImapResponse {
    }

    record Exists(long count) implements ImapResponse {
    }

    record Recent(long count) implements ImapResponse {
    }

    record Expunge(long sequence) implements ImapResponse {
    }

    record FlagsList(List<String> flags) implements ImapResponse {
    }

    record Capability(List<String> capabilities) implements ImapResponse {
    }

    /** LIST/LSUB; {@code name} in store form (encoded to modified UTF-7 on the wire). */
    record ListEntry(boolean lsub, List<String> attributes, String name) implements ImapResponse {
    }

    record StatusData(String mailbox, Map<String, Long> items) implements ImapResponse {
    }

    record Search(List<Long> numbers) implements ImapResponse {
    }

    record Namespace() implements ImapResponse {
    }

    record Id(Map<String, String> parameters) implements ImapResponse {
    }

    record Enabled(List<String> capabilities) implements ImapResponse {
    }

    record Fetch(long sequence, List<FetchItem> items) implements ImapResponse {
    }

    /** One FETCH response item. */
    sealed interface FetchItem {
    }

    record FlagsItem(List<String> flags) implements FetchItem {
    }

    record UidItem(long uid) implements FetchItem {
    }

    record InternalDateItem(Instant date) implements FetchItem {
    }

    record SizeItem(long size) implements FetchItem {
    }

    record EnvelopeItem(Envelope envelope) implements FetchItem {
    }

    record BodyStructureItem(BodyPart body, boolean extended) implements FetchItem {
    }

    /** A body section: {@code name} like {@code BODY[1.MIME]} or {@code RFC822.HEADER}; origin -1 if none. */
    record SectionItem(String name, long origin, SectionContent content) implements FetchItem {
    }

    /** What a section holds: bytes, a range of a stored blob (streamed), or NIL. */
    sealed interface SectionContent {
    }

    record Bytes(byte[] bytes) implements SectionContent {
    }

    record BlobRange(String blobId, long offset, long length) implements SectionContent {
    }

    record Nil() implements SectionContent {
    }
}
