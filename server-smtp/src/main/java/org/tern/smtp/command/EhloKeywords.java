package org.tern.smtp.command;

import java.util.List;

import org.tern.smtp.session.SmtpSession;

/** Implemented by the code behind an extension: the EHLO keywords it offers in this session right now. */
public interface EhloKeywords {

    List<String> ehloKeywords(SmtpSession session);
}
