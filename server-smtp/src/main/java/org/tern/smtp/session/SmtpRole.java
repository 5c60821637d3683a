package org.tern.smtp.session;

/** What a listener is for: receiving for local users (MX, port 25) or authenticated submission (587, 465). */
public enum SmtpRole {
    MX, SUBMISSION;

    /** smtp is the MX listener; submission and smtps are submission listeners. */
    public static SmtpRole forListener(String name) {
        return switch (name) {
            case "smtp" -> MX;
            case "submission", "smtps" -> SUBMISSION;
            default -> throw new IllegalArgumentException("not an SMTP listener: " + name);
        };
    }
}
