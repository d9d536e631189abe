package org.enachain.core.dpop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code htu} a client writes (RFC 9449 4.2) and the normalisation a server compares with (RFC 3986 6.2.2, 6.2.3). */
class HttpTargetUriTest {

    // ---------------------------------------------------------------- htuFor

    @Test
    @DisplayName("CL-64: the htu for a request with a query string and a fragment has neither")
    void htuForWhenUriHasQueryAndFragmentThenBothDropped() {
        assertThat(HttpTargetUri.htuFor(URI.create("https://api.example.com/orders/42?status=open&page=2#items")))
                .isEqualTo("https://api.example.com/orders/42");
    }

    @Test
    @DisplayName("The htu for a URI without a path has the path /")
    void htuForWhenUriHasNoPathThenSlash() {
        assertThat(HttpTargetUri.htuFor(URI.create("https://api.example.com"))).isEqualTo("https://api.example.com/");
    }

    @Test
    @DisplayName("The htu keeps a non-default port and the path's percent-encoding as sent")
    void htuForWhenUriHasPortAndEncodedPathThenKept() {
        assertThat(HttpTargetUri.htuFor(URI.create("https://api.example.com:8443/a%20b/c?x=1")))
                .isEqualTo("https://api.example.com:8443/a%20b/c");
    }

    @Test
    @DisplayName("The htu for a URI with user information omits it: a target URI carries no userinfo (RFC 9110 4.2.4)")
    void htuForWhenUriHasUserInfoThenOmitted() {
        String htu = HttpTargetUri.htuFor(URI.create("https://alice:s3cret@api.example.com:8443/orders?x=1"));

        assertThat(htu).isEqualTo("https://api.example.com:8443/orders");
        assertThat(HttpTargetUri.normalize(htu)).isPresent();
    }

    // ---------------------------------------------------------------- normalize

    // covers GEN-31
    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource({
        "HTTPS://Server.Example.COM:443/a/./b/../token, https://server.example.com/a/token",
        "http://h.example:80,                            http://h.example/",
        "https://h.example/%7euser/%2f,                  https://h.example/~user/%2F",
        "https://h.example/%41%62%2D%5F%2E%7E,           https://h.example/Ab-_.~",
        "https://h.example:8443/x,                       https://h.example:8443/x",
        "https://h.example/x?y=1#z,                      https://h.example/x",
        "http://h.example:443/x,                         http://h.example:443/x"
    })
    @DisplayName("GEN-31: scheme and host are lower-cased, the default port dropped, unreserved characters decoded, dot segments removed")
    void normalizeWhenEquivalentSpellingThenCanonicalForm(String value, String normalised) {
        assertThat(HttpTargetUri.normalize(value)).contains(normalised);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"ftp://h.example/x", "/relative/path", "https://user@h.example/x", "not a uri",
        "https:///no-host", "urn:example:x", "https://h.example/%zz"})
    @DisplayName("Values that are not absolute http(s) URIs with a host and without userinfo have no normal form")
    void normalizeWhenNotAnHttpUriThenEmpty(String value) {
        assertThat(HttpTargetUri.normalize(value)).isEmpty();
    }

    @Test
    @DisplayName("Null and values over 8192 characters have no normal form")
    void normalizeWhenNullOrTooLongThenEmpty() {
        assertThat(HttpTargetUri.normalize(null)).isEmpty();
        assertThat(HttpTargetUri.normalize("https://h.example/" + "a".repeat(8192))).isEmpty();
    }

    // ---------------------------------------------------------------- sameTarget

    @Test
    @DisplayName("GEN-31: htu with the explicit default port names the same target")
    void sameTargetWhenExplicitDefaultPortThenTrue() {
        assertThat(HttpTargetUri.sameTarget("https://api.example.com:443/orders",
                URI.create("https://api.example.com/orders"))).isTrue();
    }

    @Test
    @DisplayName("GEN-31: htu with an upper-case host names the same target")
    void sameTargetWhenUpperCaseHostThenTrue() {
        assertThat(HttpTargetUri.sameTarget("https://API.EXAMPLE.COM/orders",
                URI.create("https://api.example.com/orders"))).isTrue();
    }

    @Test
    @DisplayName("GEN-30: the request's query is ignored")
    void sameTargetWhenRequestHasQueryThenTrue() {
        assertThat(HttpTargetUri.sameTarget("https://api.example.com/orders",
                URI.create("https://api.example.com/orders?page=2"))).isTrue();
    }

    // covers GEN-30
    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"https://api.example.com/ORDERS", "http://api.example.com/orders",
        "https://api.example.com:8443/orders", "https://api.example.com/orders/", "https://api.example.com.evil/orders",
        "https://evil.example/orders"})
    @DisplayName("GEN-30: a different path, path case, scheme, port or host is a different target")
    void sameTargetWhenAnyComponentDiffersThenFalse(String htu) {
        assertThat(HttpTargetUri.sameTarget(htu, URI.create("https://api.example.com/orders"))).isFalse();
    }
}
