package org.tern.smtp.protocol;

/** A parsed {@code RCPT TO:<path> [parameters]} with RFC 3461 NOTIFY and ORCPT (null when absent). */
public record RcptArguments(MailAddress recipient, boolean postmaster, String dsnNotify, String dsnOrcpt) {
}
