package org.enachain.jakarta.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.context.ContextNotActiveException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.enachain.core.chain.SubjectToken;
import org.enachain.core.jose.VerificationKeys;
import org.enachain.core.testing.JwtFixture;
import org.enachain.core.testing.TestKeys;
import org.enachain.core.token.AccessTokenValidator;
import org.enachain.core.token.TrustedIssuer;
import org.enachain.jakarta.internal.CallerTokenHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Where the caller token comes from, and why there is none. */
class CallerTokensTest {

    private static final SubjectToken SUBJECT = SubjectToken.accessToken("t", JwtFixture.ISSUER,
            Instant.now().plusSeconds(60), Set.of(), "user", "client");

    @AfterEach
    void clear() {
        CallerTokens.CARRIED.remove();
    }

    @Test
    void onThisThreadWhenInboundFilterAuthenticatedThenItsToken() {
        CallerTokenHolder holder = new CallerTokenHolder();
        String compact = JwtFixture.accessToken(TestKeys.AS_ES256, Instant.now()).compact();
        holder.set(AccessTokenValidator.builder()
                .trustedIssuer(TrustedIssuer.of(JwtFixture.ISSUER, VerificationKeys.of(TestKeys.AS_ES256)))
                .audience(JwtFixture.RESOURCE).build().validate(compact).value());
        CallerTokens.Lookup lookup = new CallerTokens(holder, null, null).onThisThread();
        assertThat(lookup.token().value()).isEqualTo(compact);
        assertThat(lookup.token().issuer()).isEqualTo(JwtFixture.ISSUER);
        assertThat(lookup.token().userBound()).isTrue();
    }

    @Test
    void onThisThreadWhenRequestNotAuthenticatedThenMissingWithReason() {
        CallerTokens.Lookup lookup = new CallerTokens(new CallerTokenHolder(), null, null).onThisThread();
        assertThat(lookup.token()).isNull();
        assertThat(lookup.missing()).startsWith("the request being served was not authenticated by the enachain inbound"
                + " filter");
    }

    @Test
    void onThisThreadWhenNoRequestScopeThenMissingWithReason() {
        CallerTokenHolder outside = new CallerTokenHolder() {
            @Override
            public SubjectToken subject() {
                throw new ContextNotActiveException("no request");
            }
        };
        assertThat(new CallerTokens(outside, null, null).onThisThread().missing())
                .startsWith("the call was made outside an HTTP request");
    }

    @Test
    void onThisThreadWhenMpJwtThenItsToken() {
        assertThat(new CallerTokens(null, () -> Optional.of(SUBJECT), null).onThisThread().token()).isSameAs(SUBJECT);
        assertThat(new CallerTokens(null, Optional::empty, null).onThisThread().missing())
                .startsWith("MicroProfile JWT has no token for this request");
        assertThat(new CallerTokens(null, () -> {
            throw new ContextNotActiveException("x");
        }, null).onThisThread().missing()).startsWith("the call was made outside an HTTP request");
    }

    @Test
    void onThisThreadWhenNoSourceThenMissingSaysWhy() {
        assertThat(new CallerTokens(null, null, "neither is active").onThisThread().missing()).isEqualTo("neither is active");
    }

    @Test
    void currentWhenCarriedThenCarriedWins() {
        CallerTokens tokens = new CallerTokens(null, null, "none here");
        assertThat(tokens.current().token()).isNull();
        CallerTokens.CARRIED.set(CallerTokens.Lookup.found(SUBJECT));
        assertThat(tokens.current().token()).isSameAs(SUBJECT);
    }
}
