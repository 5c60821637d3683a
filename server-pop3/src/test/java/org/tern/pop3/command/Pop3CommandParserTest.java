package org.tern.pop3.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class Pop3CommandParserTest {

    private final Pop3CommandParser parser = new Pop3CommandParser();

    private Pop3Command parse(String s) {
        return parser.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parsesVerbCaseInsensitivelyAndArguments() {
        Pop3Command c = parse("top 1  10 ");
        assertThat(c.verb()).isEqualTo("TOP");
        assertThat(c.args()).containsExactly("1", "10");
    }

    @Test
    void passKeepsSpacesInTheRest() {
        Pop3Command c = parse("PASS my secret  pass");
        assertThat(c.rest()).isEqualTo("my secret  pass");
        assertThat(parse("PASS").rest()).isEmpty();
    }

    @Test
    void refusesControlCharactersAndBadUtf8() {
        assertThatThrownBy(() -> parser.parse(new byte[] {'U', 'S', 'E', 'R', ' ', 0, 'x'}))
                .isInstanceOf(Pop3CommandException.class)
                .matches(e -> ((Pop3CommandException) e).protocolViolation());
        assertThatThrownBy(() -> parser.parse(new byte[] {'U', 'S', 'E', 'R', ' ', (byte) 0xff}))
                .isInstanceOf(Pop3CommandException.class);
        assertThatThrownBy(() -> parse("")).isInstanceOf(Pop3CommandException.class);
        assertThatThrownBy(() -> parse("   ")).isInstanceOf(Pop3CommandException.class);
        assertThatThrownBy(() -> parse("R@TR 1")).isInstanceOf(Pop3CommandException.class);
    }

    @Test
    void messageNumbersAreDecimalAndPositive() {
        assertThat(Arguments.messageNumber("12")).isEqualTo(12);
        assertThatThrownBy(() -> Arguments.messageNumber("0")).isInstanceOf(Pop3CommandException.class);
        assertThatThrownBy(() -> Arguments.messageNumber("-1")).isInstanceOf(Pop3CommandException.class);
        assertThatThrownBy(() -> Arguments.messageNumber("+1")).isInstanceOf(Pop3CommandException.class);
        assertThatThrownBy(() -> Arguments.messageNumber("1x")).isInstanceOf(Pop3CommandException.class);
        assertThatThrownBy(() -> Arguments.messageNumber("99999999999999999999")).isInstanceOf(Pop3CommandException.class);
        assertThat(Arguments.lineCount("0")).isZero();
    }
}
