package org.tern.core.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class SaslMechanismsTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void lookup() {
        assertThat(SaslMechanisms.all()).extracting(SaslMechanism::name).containsExactly("PLAIN", "LOGIN");
        assertThat(SaslMechanisms.byName("plain")).isPresent();
        assertThat(SaslMechanisms.byName("CRAM-MD5")).isEmpty();
    }

    @Test
    void plainWithInitialResponse() {
        SaslStep step = new PlainMechanism().start().step(bytes("\0alice@example.org\0s3cr\u00e9t"));
        assertThat(step).isInstanceOf(SaslStep.Credentials.class);
        SaslStep.Credentials c = (SaslStep.Credentials) step;
        assertThat(c.authorizationId()).isEmpty();
        assertThat(c.username()).isEqualTo("alice@example.org");
        assertThat(new String(c.password())).isEqualTo("s3cr\u00e9t");
    }

    @Test
    void plainWithAuthzidAfterEmptyChallenge() {
        SaslExchange x = new PlainMechanism().start();
        assertThat(x.step(null)).isInstanceOf(SaslStep.Challenge.class);
        assertThat(((SaslStep.Challenge) new PlainMechanism().start().step(null)).challenge()).isEmpty();
        SaslStep.Credentials c = (SaslStep.Credentials) x.step(bytes("admin\0alice\0pw"));
        assertThat(c.authorizationId()).isEqualTo("admin");
        assertThat(x.step(bytes("again"))).isInstanceOf(SaslStep.Malformed.class);
    }

    @Test
    void plainRejectsMalformedMessages() {
        for (String bad : new String[] {"", "alice", "alice\0pw", "\0\0pw", "\0alice\0", "a\0b\0c\0d", "\0" + "x".repeat(256) + "\0pw"}) {
            assertThat(new PlainMechanism().start().step(bytes(bad))).as(bad).isInstanceOf(SaslStep.Malformed.class);
        }
        byte[] badUtf8 = {0, 'a', 0, (byte) 0xC3, (byte) 0x28};
        assertThat(new PlainMechanism().start().step(badUtf8)).isInstanceOf(SaslStep.Malformed.class);
    }

    @Test
    void loginChallengesUsernameThenPassword() {
        SaslExchange x = new LoginMechanism().start();
        assertThat(new String(((SaslStep.Challenge) x.step(null)).challenge(), StandardCharsets.US_ASCII)).isEqualTo("Username:");
        assertThat(new String(((SaslStep.Challenge) x.step(bytes("alice"))).challenge(), StandardCharsets.US_ASCII)).isEqualTo("Password:");
        SaslStep.Credentials c = (SaslStep.Credentials) x.step(bytes("pw"));
        assertThat(c.username()).isEqualTo("alice");
        assertThat(new String(c.password())).isEqualTo("pw");
        assertThat(c.authorizationId()).isEmpty();
    }

    @Test
    void loginWithInitialResponseSkipsUsernameChallenge() {
        SaslExchange x = new LoginMechanism().start();
        assertThat(new String(((SaslStep.Challenge) x.step(bytes("alice"))).challenge(), StandardCharsets.US_ASCII)).isEqualTo("Password:");
        assertThat(x.step(bytes("pw"))).isInstanceOf(SaslStep.Credentials.class);
        assertThat(x.step(bytes("more"))).isInstanceOf(SaslStep.Malformed.class);
    }

    @Test
    void loginRejectsEmptyPasswordAndBadUtf8() {
        SaslExchange x = new LoginMechanism().start();
        x.step(bytes("alice"));
        assertThat(x.step(new byte[0])).isInstanceOf(SaslStep.Malformed.class);
        SaslExchange y = new LoginMechanism().start();
        y.step(null);
        assertThat(y.step(new byte[] {(byte) 0xff})).isInstanceOf(SaslStep.Malformed.class);
    }
}
