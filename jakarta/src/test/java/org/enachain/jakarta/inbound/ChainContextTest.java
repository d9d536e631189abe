package org.enachain.jakarta.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.enachain.core.jose.VerificationKeys;
import org.enachain.core.testing.JwtFixture;
import org.enachain.core.testing.MutableClock;
import org.enachain.core.testing.TestKeys;
import org.enachain.core.token.AccessToken;
import org.enachain.core.token.AccessTokenValidator;
import org.enachain.core.token.TrustedIssuer;
import org.enachain.jakarta.internal.CallerTokenHolder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ChainContextTest {

    private final MutableClock clock = MutableClock.atFixedStart();

    private AccessToken validated(JwtFixture token) {
        return AccessTokenValidator.builder()
                .trustedIssuer(TrustedIssuer.of(JwtFixture.ISSUER, VerificationKeys.of(TestKeys.AS_ES256)))
                .audience(JwtFixture.RESOURCE).clock(clock).build().validate(token.compact()).value();
    }

    @Test
    @DisplayName("GEN-18: the caller's subject, client, scopes, authentication context, actors and jti, for audit")
    void accessorsWhenAuthenticatedThenTheTokensClaims() {
        Instant authTime = clock.instant().minusSeconds(30);
        AccessToken token = validated(JwtFixture.accessToken(TestKeys.AS_ES256, clock.instant())
                .claim("jti", "jti-1").claim("acr", "http://id.elegnamnden.se/loa/1.0/loa3").claim("amr", List.of("pwd", "otp"))
                .claim("auth_time", authTime.getEpochSecond())
                .claim("act", Map.of("sub", "https://api-a.example.com", "act", Map.of("sub", JwtFixture.CLIENT))));
        CallerTokenHolder holder = new CallerTokenHolder();
        holder.set(token);
        ChainContext context = new ChainContext(holder);
        assertThat(context.isAuthenticated()).isTrue();
        assertThat(context.subject()).isEqualTo("user-4711");
        assertThat(context.clientId()).isEqualTo(JwtFixture.CLIENT);
        assertThat(context.scopes()).isEqualTo(Set.of("orders-read", "profile"));
        assertThat(context.acr()).contains("http://id.elegnamnden.se/loa/1.0/loa3");
        assertThat(context.amr()).containsExactly("pwd", "otp");
        assertThat(context.authTime()).contains(Instant.ofEpochSecond(authTime.getEpochSecond()));
        assertThat(context.actors().actors()).containsExactly("https://api-a.example.com", JwtFixture.CLIENT);
        assertThat(context.tokenId()).contains("jti-1");
        assertThat(context.toString()).doesNotContain(token.compactSerialization()).contains("jti-1");
        assertThat(holder.subject().value()).isEqualTo(token.compactSerialization());
    }

    @Test
    void accessorsWhenNotAuthenticatedThenEmpty() {
        ChainContext context = new ChainContext(new CallerTokenHolder());
        assertThat(context.isAuthenticated()).isFalse();
        assertThat(context.subject()).isNull();
        assertThat(context.clientId()).isNull();
        assertThat(context.scopes()).isEmpty();
        assertThat(context.acr()).isEmpty();
        assertThat(context.amr()).isEmpty();
        assertThat(context.authTime()).isEmpty();
        assertThat(context.actors().isEmpty()).isTrue();
        assertThat(context.tokenId()).isEmpty();
        assertThat(context).hasToString("ChainContext[unauthenticated]");
    }

    @Test
    void rawTokenIsNotPartOfThePublicApi() {
        assertThat(ChainContext.class.getMethods()).extracting(m -> m.getReturnType().getName())
                .doesNotContain("org.enachain.core.token.AccessToken", "org.enachain.core.chain.SubjectToken");
    }

    @Test
    void securityContextWhenAuthenticatedThenSubjectSchemeSecure() {
        CallerSecurityContext sc = new CallerSecurityContext("user-4711", "DPoP");
        assertThat(sc.getUserPrincipal().getName()).isEqualTo("user-4711");
        assertThat(sc.getAuthenticationScheme()).isEqualTo("DPoP");
        assertThat(sc.isSecure()).isTrue();
        assertThat(sc.isUserInRole("orders-read")).isFalse();
    }
}
