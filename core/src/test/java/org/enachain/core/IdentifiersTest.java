package org.enachain.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifiersTest {

    @Test
    @DisplayName("GEN-19: a non-URL client identifier is accepted with a warning")
    void checkClientIdWhenNotUrlThenWarning() {
        assertThat(Identifiers.checkClientId("my-client")).hasValueSatisfying(w -> assertThat(w).contains("not a URL"));
        assertThat(Identifiers.checkClientId("https://app.example.com")).isEmpty();
    }

    // covers GEN-20
    @ParameterizedTest(name = "GEN-20: client identifier {0} is rejected")
    @ValueSource(strings = {"https://app.example.com#frag", "https://app.example.com?x=1", "http://app.example.com",
            "https:///no-host"})
    void checkClientIdWhenUrlBreaksRulesThenRejected(String clientId) {
        assertThatThrownBy(() -> Identifiers.checkClientId(clientId)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("client identifier");
    }

    @Test
    @DisplayName("GEN-42: an issuer with query, fragment or http is rejected; a path is kept")
    void checkIssuerWhenBreaksRulesThenRejected() {
        Identifiers.checkIssuer("https://as.example.com/tenant-a");
        for (String bad : new String[] {"http://as.example.com", "https://as.example.com?x", "https://as.example.com#f", "as"}) {
            assertThatThrownBy(() -> Identifiers.checkIssuer(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    @DisplayName("RS-47, RS-48: a resource identifier must be https with a host and no fragment; a query warns")
    void checkResourceIdentifierWhenFormsThenRuled() {
        assertThat(Identifiers.checkResourceIdentifier("https://api.example.com/orders")).isEmpty();
        assertThat(Identifiers.checkResourceIdentifier("https://api.example.com/?v=1")).isPresent();
        assertThatThrownBy(() -> Identifiers.checkResourceIdentifier("https://api.example.com#x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fragment");
        assertThatThrownBy(() -> Identifiers.checkResourceIdentifier("http://api.example.com"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
    }
}
