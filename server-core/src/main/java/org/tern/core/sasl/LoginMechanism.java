package org.tern.core.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * SASL LOGIN (draft-murchison-sasl-login): challenges "Username:" and "Password:". An initial response is
 * the user name; an empty one is treated as none. The authorization id is always empty.
 */
public final class LoginMechanism implements SaslMechanism {

    static final byte[] USERNAME = "Username:".getBytes(StandardCharsets.US_ASCII);
    static final byte[] PASSWORD = "Password:".getBytes(StandardCharsets.US_ASCII);

    @Override
    public String name() {
        return "LOGIN";
    }

    @Override
    public SaslExchange start() {
        return new SaslExchange() {
            private enum Stage { START, WAIT_USERNAME, WAIT_PASSWORD, DONE }

            private Stage stage = Stage.START;
            private String username;

            @Override
            public SaslStep step(byte[] response) {
                switch (stage) {
                    case START -> {
                        if (response == null || response.length == 0) {
                            stage = Stage.WAIT_USERNAME;
                            return new SaslStep.Challenge(USERNAME.clone());
                        }
                        return acceptUsername(response);
                    }
                    case WAIT_USERNAME -> {
                        if (response == null || response.length == 0) {
                            return fail("empty user name");
                        }
                        return acceptUsername(response);
                    }
                    case WAIT_PASSWORD -> {
                        stage = Stage.DONE;
                        if (response == null || response.length == 0) {
                            return new SaslStep.Malformed("empty password");
                        }
                        Optional<char[]> password = SaslText.chars(response, 0, response.length);
                        if (password.isEmpty()) {
                            return new SaslStep.Malformed("password is not UTF-8");
                        }
                        return new SaslStep.Credentials("", username, password.get());
                    }
                    default -> {
                        return fail("exchange already complete");
                    }
                }
            }

            private SaslStep acceptUsername(byte[] response) {
                Optional<String> name = SaslText.string(response, 0, response.length);
                if (name.isEmpty() || name.get().indexOf('\0') >= 0) {
                    return fail("user name is not UTF-8");
                }
                username = name.get();
                stage = Stage.WAIT_PASSWORD;
                return new SaslStep.Challenge(PASSWORD.clone());
            }

            private SaslStep fail(String reason) {
                stage = Stage.DONE;
                return new SaslStep.Malformed(reason);
            }
        };
    }
}
