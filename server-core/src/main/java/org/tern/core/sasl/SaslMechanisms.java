package org.tern.core.sasl;

import java.util.List;
import java.util.Optional;

/** The SASL mechanisms Tern offers: PLAIN (RFC 4616) and LOGIN. */
public final class SaslMechanisms {

    private SaslMechanisms() {
    }

    private static final List<SaslMechanism> ALL = List.of(new PlainMechanism(), new LoginMechanism());

    /** PLAIN then LOGIN, the order to advertise them in. Mechanisms are stateless; exchanges are not. */
    public static List<SaslMechanism> all() {
        return ALL;
    }

    /** Looks a mechanism up by name, case-insensitively. */
    public static Optional<SaslMechanism> byName(String name) {
        return all().stream().filter(m -> m.name().equalsIgnoreCase(name)).findFirst();
    }
}
