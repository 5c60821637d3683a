package org.tern.store;

/** The UIDVALIDITY and UID an APPEND got (RFC 4315 APPENDUID). */
public record AppendResult(long mailboxId, long uidValidity, long uid, long modSeq) {
}
