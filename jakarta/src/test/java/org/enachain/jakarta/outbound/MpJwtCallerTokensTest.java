package org.enachain.jakarta.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.enachain.core.chain.SubjectToken;
import org.junit.jupiter.api.Test;

/** The caller token taken from MicroProfile JWT when enachain's inbound filter is not active. */
class MpJwtCallerTokensTest {

    private static JsonWebToken jwt(String raw, Map<String, Object> claims) {
        return new JsonWebToken() {
            @Override
            public String getName() {
                return getSubject();
            }

            @Override
            public Set<String> getClaimNames() {
                return claims.keySet();
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claimName) {
                if (claimName.equals("raw_token")) {
                    return (T) raw;
                }
                return (T) claims.get(claimName);
            }
        };
    }

    @Test
    void getWhenTokenThenSubjectTokenFromItsClaims() {
        long exp = Instant.now().plusSeconds(120).getEpochSecond();
        SubjectToken s = new MpJwtCallerTokens(() -> jwt("raw.jwt.value", Map.of("iss", "https://as.example.com",
                "sub", "user-4711", "exp", exp, "scope", "orders-read profile", "client_id", "https://app.example.com")))
                .get().orElseThrow();
        assertThat(s.value()).isEqualTo("raw.jwt.value");
        assertThat(s.issuer()).isEqualTo("https://as.example.com");
        assertThat(s.expiresAt()).contains(Instant.ofEpochSecond(exp));
        assertThat(s.scopes()).containsExactlyInAnyOrder("orders-read", "profile");
        assertThat(s.userBound()).isTrue();
    }

    @Test
    void getWhenClientOnlyInAzpThenAzpUsed() {
        SubjectToken s = new MpJwtCallerTokens(() -> jwt("raw", Map.of("iss", "https://as.example.com", "sub", "c",
                "azp", "c"))).get().orElseThrow();
        assertThat(s.userBound()).as("sub equals the client: no user (A-29)").isFalse();
        assertThat(s.expiresAt()).isEmpty();
        assertThat(s.scopes()).isEmpty();
    }

    @Test
    void getWhenNoRawTokenThenEmpty() {
        assertThat(new MpJwtCallerTokens(() -> jwt(null, Map.of())).get()).isEqualTo(Optional.empty());
        assertThat(new MpJwtCallerTokens(() -> null).get()).isEmpty();
    }
}
