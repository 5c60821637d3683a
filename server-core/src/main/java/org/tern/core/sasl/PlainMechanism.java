package org.tern.core.sasl;

import java.util.Optional;

/**
 * SASL PLAIN (RFC 4616): {@code [authzid] NUL authcid NUL passwd}, UTF-8. Without an initial response the
 * server sends an empty challenge. An absent authzid is reported as the empty string.
 */
public final class PlainMechanism implements SaslMechanism {

    /** RFC 4616 §2: each field is at most 255 octets. */
    private static final int MAX_FIELD = 255;

    @Override
    public String name() {
        return "PLAIN";
    }

    @Override
    public SaslExchange start() {
        return new SaslExchange() {
            private boolean done;
            private boolean challenged;

            @Override
            public SaslStep step(byte[] response) {
                if (done) {
                    return new SaslStep.Malformed("exchange already complete");
                }
                if (response == null) {
                    if (challenged) {
                        done = true;
                        return new SaslStep.Malformed("no response");
                    }
                    challenged = true;
                    return new SaslStep.Challenge(new byte[0]);
                }
                done = true;
                return parse(response);
            }
        };
    }

    static SaslStep parse(byte[] message) {
        int first = indexOf(message, 0);
        int second = first < 0 ? -1 : indexOf(message, first + 1);
        if (first < 0 || second < 0 || indexOf(message, second + 1) >= 0) {
            return new SaslStep.Malformed("expected authzid NUL authcid NUL password");
        }
        if (first > MAX_FIELD || second - first - 1 > MAX_FIELD || message.length - second - 1 > MAX_FIELD) {
            return new SaslStep.Malformed("field longer than 255 octets");
        }
        if (second == first + 1 || second == message.length - 1) {
            return new SaslStep.Malformed("empty user name or password");
        }
        Optional<String> authzid = SaslText.string(message, 0, first);
        Optional<String> authcid = SaslText.string(message, first + 1, second);
        Optional<char[]> password = SaslText.chars(message, second + 1, message.length);
        if (authzid.isEmpty() || authcid.isEmpty() || password.isEmpty()) {
            return new SaslStep.Malformed("not UTF-8");
        }
        return new SaslStep.Credentials(authzid.get(), authcid.get(), password.get());
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
