package org.enachain.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TransportSecurityTest {

    private static final String WHAT = "The token endpoint";

    @Test
    @DisplayName("an https URL passes the default check unchanged")
    void checkWhenHttpsThenReturnsSameUri() {
        URI uri = URI.create("https://as.example.com/token");

        assertThat(TransportSecurity.requireTls().check(uri, WHAT)).isSameAs(uri);
    }

    @Test
    @DisplayName("GEN-01: a plain http URL is refused by default, naming the rule and the fix")
    void checkWhenPlainHttpByDefaultThenRefusedNamingTls() {
        URI uri = URI.create("http://as.example.com/token");

        assertThatThrownBy(() -> TransportSecurity.requireTls().check(uri, WHAT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The token endpoint uses plain http (http://as.example.com/token)")
                .hasMessageContaining("the profile requires TLS (GEN-01)")
                .hasMessageContaining("Use an https URL");
    }

    @Test
    @DisplayName("GEN-01: without the development switch even http://127.0.0.1 is refused")
    void checkWhenPlainHttpToLoopbackByDefaultThenRefused() {
        assertThatThrownBy(() -> TransportSecurity.requireTls().check(URI.create("http://127.0.0.1:8080/jwks"), WHAT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the profile requires TLS (GEN-01)");
    }

    @Test
    @DisplayName("GEN-01: the scheme is compared case-insensitively, so HTTP:// is refused too")
    void checkWhenUpperCaseHttpSchemeThenRefused() {
        assertThatThrownBy(() -> TransportSecurity.requireTls().check(URI.create("HTTP://as.example.com/token"), WHAT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("uses plain http");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "http://127.0.0.1:8080/jwks",
        "http://127.1.2.3/jwks",
        "http://localhost:8080/jwks",
        "http://LOCALHOST/jwks",
        "http://[::1]:8080/jwks",
        "http://[0:0:0:0:0:0:0:1]/jwks"
    })
    @DisplayName("with the loopback switch, plain http to 127.0.0.0/8, localhost or ::1 is allowed")
    void checkWhenLoopbackSwitchAndHttpToLoopbackThenAllowed(String url) {
        URI uri = URI.create(url);

        assertThat(TransportSecurity.allowPlainHttpOnLoopback().check(uri, WHAT)).isSameAs(uri);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "http://example.com/jwks",
        "http://10.0.0.1/jwks",
        "http://128.0.0.1/jwks",
        "http://localhost.example.com/jwks",
        "http://127.0.0.1.nip.io/jwks",
        "http://127.0.0.1@evil.example/jwks",
        "http://[::2]/jwks"
    })
    @DisplayName("GEN-01: the loopback switch never allows plain http to a host that is not loopback")
    void checkWhenLoopbackSwitchAndHttpToOtherHostThenRefused(String url) {
        assertThatThrownBy(() -> TransportSecurity.allowPlainHttpOnLoopback().check(URI.create(url), WHAT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the profile requires TLS (GEN-01)")
                .hasMessageContaining("Plain http is allowed only to a loopback address");
    }

    @Test
    @DisplayName("the loopback switch still accepts https to any host")
    void checkWhenLoopbackSwitchAndHttpsElsewhereThenAllowed() {
        URI uri = URI.create("https://as.example.com/jwks");

        assertThat(TransportSecurity.allowPlainHttpOnLoopback().check(uri, WHAT)).isSameAs(uri);
    }

    @Test
    @DisplayName("an https URL with a fragment is refused")
    void checkWhenFragmentThenRefused() {
        assertThatThrownBy(() -> TransportSecurity.requireTls().check(URI.create("https://as.example.com/jwks#keys"), WHAT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The token endpoint must not have a fragment: https://as.example.com/jwks#keys");
    }

    @Test
    @DisplayName("a loopback http URL with a fragment is refused even with the switch")
    void checkWhenLoopbackSwitchAndFragmentThenRefused() {
        assertThatThrownBy(() -> TransportSecurity.allowPlainHttpOnLoopback()
                        .check(URI.create("http://127.0.0.1/jwks#x"), WHAT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not have a fragment");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ftp://as.example.com/jwks", "ws://as.example.com/jwks"})
    @DisplayName("schemes other than https and http are refused")
    void checkWhenOtherSchemeThenRefused(String url) {
        assertThatThrownBy(() -> TransportSecurity.allowPlainHttpOnLoopback().check(URI.create(url), WHAT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be an https URL, but its scheme is");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/token", "https:///token", "https:opaque"})
    @DisplayName("a relative URL, or one without a host, is refused")
    void checkWhenNotAbsoluteWithHostThenRefused(String url) {
        assertThatThrownBy(() -> TransportSecurity.requireTls().check(URI.create(url), WHAT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be an absolute https URL with a host");
    }

    @Test
    @DisplayName("a missing URL is refused")
    void checkWhenNullThenRefused() {
        assertThatThrownBy(() -> TransportSecurity.requireTls().check(null, WHAT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The token endpoint must be an absolute https URL with a host, but is 'null'");
    }

    @Test
    @DisplayName("the development switch is off by default")
    void allowsPlainHttpOnLoopbackWhenDefaultThenFalse() {
        assertThat(TransportSecurity.requireTls().allowsPlainHttpOnLoopback()).isFalse();
    }
}
