package org.tern.smtp.session;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;

import org.tern.store.Directory;
import org.tern.store.InvalidNameException;
import org.tern.store.RecipientResolution;

/**
 * Resolves envelope addresses through the directory, including the ones the directory cannot name: a
 * UTF-8 (RFC 6531) or quoted local part, an IDN or address-literal domain. Such an address is an unknown
 * user when its domain is local and a remote recipient otherwise, instead of a store error.
 */
public final class EnvelopeAddresses {

    private final Directory directory;

    public EnvelopeAddresses(Directory directory) {
        this.directory = directory;
    }

    public RecipientResolution resolve(String address) {
        try {
            return directory.resolve(address);
        } catch (InvalidNameException e) {
            return resolveUnusual(address);
        }
    }

    private RecipientResolution resolveUnusual(String address) {
        int at = address.lastIndexOf('@');
        if (at < 0) {
            return new RecipientResolution.UnknownUser(address);
        }
        String local = address.substring(0, at);
        Optional<String> domain = asciiDomain(address.substring(at + 1));
        if (domain.isEmpty() || !directory.isLocalDomain(domain.get())) {
            return new RecipientResolution.Remote(address);
        }
        try {
            // An IDN domain written as U-labels (RFC 6531): the directory knows it by its A-labels.
            return directory.resolve(local + "@" + domain.get());
        } catch (InvalidNameException e) {
            return new RecipientResolution.UnknownUser(address);
        }
    }

    private static Optional<String> asciiDomain(String domain) {
        try {
            return Optional.of(IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
