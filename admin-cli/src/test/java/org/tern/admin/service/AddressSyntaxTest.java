package org.tern.admin.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressSyntaxTest {

    @Test
    void normalisesValidNames() {
        assertThat(AddressSyntax.address("Alice.Smith+tag@Example.ORG")).isEqualTo("alice.smith+tag@example.org");
        assertThat(AddressSyntax.address("postmaster@localhost")).isEqualTo("postmaster@localhost");
        assertThat(AddressSyntax.domain("xn--bcher-kva.example.")).isEqualTo("xn--bcher-kva.example");
        assertThat(AddressSyntax.aliasSource("@Example.org")).isEqualTo("@example.org");
        assertThat(AddressSyntax.mailboxName("Archive/2024")).isEqualTo("Archive/2024");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "alice", "@example.org", "alice@", "a..b@example.org", ".a@example.org",
            "a.@example.org", "a b@example.org", "alice@exa mple.org", "alice@-example.org", "alice@example..org",
            "alice@ex_ample.org", "\"quoted\"@example.org", "älice@example.org"})
    void refusesInvalidAddresses(String address) {
        assertThatThrownBy(() -> AddressSyntax.address(address)).isInstanceOf(AdminException.class)
                .hasMessageStartingWith("invalid address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/a", "a/", "a//b", "a\tb", "   "})
    void refusesInvalidMailboxNames(String name) {
        assertThatThrownBy(() -> AddressSyntax.mailboxName(name)).isInstanceOf(AdminException.class);
    }

    @Test
    void passwordPolicy() {
        PasswordPolicy.check("0123456789".toCharArray(), false);
        PasswordPolicy.check("short".toCharArray(), true);
        assertThatThrownBy(() -> PasswordPolicy.check("012345678".toCharArray(), false))
                .hasMessageContaining("at least 10");
        assertThatThrownBy(() -> PasswordPolicy.check(new char[0], true)).hasMessageContaining("empty");
        assertThatThrownBy(() -> PasswordPolicy.check("with\0nul-in-it".toCharArray(), true))
                .hasMessageContaining("NUL");
        // ten code points even if some need two chars
        PasswordPolicy.check("😀😀😀😀😀😀😀😀😀😀".toCharArray(), false);
        assertThatThrownBy(() -> PasswordPolicy.check("😀😀😀😀😀".toCharArray(), false))
                .hasMessageContaining("5 characters");
    }
}
