package org.tern.admin.service;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks addresses, domains and alias sources before they reach the store, so that every transport
 * refuses the same input with the same message. ASCII only: internationalised domains in their
 * {@code xn--} form. Returns the lower-case form.
 */
public final class AddressSyntax {

    // RFC 5322 §3.2.3 atext, dot-atom: no leading, trailing or doubled dots.
    private static final Pattern LOCAL_PART =
            Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    // RFC 1035 §2.3.1 labels (digits allowed first, RFC 1123 §2.1), one or more labels.
    private static final Pattern DOMAIN =
            Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    private AddressSyntax() {
    }

    public static String domain(String name) {
        String d = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        if (d.isEmpty() || d.length() > 253 || !DOMAIN.matcher(d).matches()) {
            throw AdminException.badInput("invalid domain '" + name + "': use letters, digits, '-' and dots"
                    + " (internationalised names in their xn-- form)");
        }
        return d;
    }

    public static String address(String address) {
        String a = address == null ? "" : address.trim();
        int at = a.lastIndexOf('@');
        if (at <= 0 || at == a.length() - 1) {
            throw AdminException.badInput("invalid address '" + address + "': expected local-part@domain");
        }
        String local = a.substring(0, at);
        if (local.length() > 64 || !LOCAL_PART.matcher(local).matches()) {
            throw AdminException.badInput("invalid address '" + address
                    + "': the part before @ may hold letters, digits, dots (not at either end or doubled)"
                    + " and !#$%&'*+/=?^_`{|}~-");
        }
        String domain;
        try {
            domain = domain(a.substring(at + 1));
        } catch (AdminException e) {
            throw AdminException.badInput("invalid address '" + address + "': bad domain after @");
        }
        return local.toLowerCase(Locale.ROOT) + "@" + domain;
    }

    /** An alias source: an address, or {@code @domain} for a catch-all. */
    public static String aliasSource(String source) {
        String s = source == null ? "" : source.trim();
        if (s.startsWith("@")) {
            try {
                return "@" + domain(s.substring(1));
            } catch (AdminException e) {
                throw AdminException.badInput("invalid catch-all '" + source + "': expected @domain");
            }
        }
        return address(s);
    }

    /** A mailbox name as the CLI accepts it: not blank, no control characters, no empty hierarchy level. */
    public static String mailboxName(String name) {
        if (name == null || name.isBlank()) {
            throw AdminException.badInput("empty mailbox name");
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                throw AdminException.badInput("invalid mailbox name '" + name.strip()
                        + "': control characters are not allowed");
            }
        }
        if (name.startsWith("/") || name.endsWith("/") || name.contains("//")) {
            throw AdminException.badInput("invalid mailbox name '" + name
                    + "': '/' separates levels; no level may be empty");
        }
        return name;
    }
}
