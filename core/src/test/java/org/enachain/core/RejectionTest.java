package org.enachain.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * One table for every {@link Reason}: the OAuth error and HTTP status it yields at a protected
 * resource ({@code invalid_token}/401), at a resource's DPoP check ({@code invalid_dpop_proof}/401)
 * and at a token endpoint ({@code invalid_grant}/400). Adding a reason without deciding its row
 * fails this test.
 */
class RejectionTest {

    private record Expected(OAuthError error, Integer status) {
        static Expected check() {
            return new Expected(null, null);
        }
    }

    /** null fields mean "the check's own error/status". */
    private static final Map<Reason, Expected> TABLE = new EnumMap<>(Reason.class);

    static {
        for (Reason r : EnumSet.allOf(Reason.class)) {
            TABLE.put(r, Expected.check());
        }
        TABLE.put(Reason.INSUFFICIENT_SCOPE, new Expected(OAuthError.INSUFFICIENT_SCOPE, 403));
        TABLE.put(Reason.NONCE_REQUIRED, new Expected(OAuthError.USE_DPOP_NONCE, null));
        TABLE.put(Reason.NONCE_INVALID, new Expected(OAuthError.USE_DPOP_NONCE, null));
        TABLE.put(Reason.KEY_BINDING_MISMATCH, new Expected(OAuthError.INVALID_TOKEN, null));
        TABLE.put(Reason.MULTIPLE_CREDENTIALS, new Expected(OAuthError.INVALID_REQUEST, 400));
        TABLE.put(Reason.KEYS_UNAVAILABLE, new Expected(OAuthError.SERVER_ERROR, 503));
        TABLE.put(Reason.REPLAY_CHECK_UNAVAILABLE, new Expected(OAuthError.SERVER_ERROR, 503));
    }

    @Test
    @DisplayName("RS-43, RS-29: every reason maps to its error code and status in each kind of check")
    void ofWhenEveryReasonThenTableHolds() {
        assertThat(TABLE.keySet()).containsExactlyInAnyOrder(Reason.values());
        for (Reason reason : Reason.values()) {
            Expected e = TABLE.get(reason);
            assertRow(reason, e, OAuthError.INVALID_TOKEN, 401);
            assertRow(reason, e, OAuthError.INVALID_DPOP_PROOF, 401);
            assertRow(reason, e, OAuthError.INVALID_GRANT, 400);
        }
    }

    @Test
    @DisplayName("RS-24: a request without credentials yields 401 without an error code")
    void ofWhenNoCredentialsThenNoErrorCode() {
        Rejection r = Rejection.of(Reason.NO_CREDENTIALS, Reason.NO_CREDENTIALS.description(), OAuthError.INVALID_TOKEN, 401);

        assertThat(r.error()).isNull();
        assertThat(r.errorCode()).isNull();
        assertThat(r.status()).isEqualTo(401);
    }

    @Test
    @DisplayName("GEN-21: every fixed description is one short printable ASCII line")
    void descriptionWhenAnyReasonThenOneSafeLine() {
        for (Reason reason : Reason.values()) {
            assertThat(reason.description()).as(reason.name()).matches("[\\x20-\\x21\\x23-\\x5B\\x5D-\\x7E]{10,100}");
        }
    }

    private static void assertRow(Reason reason, Expected e, OAuthError checkError, int checkStatus) {
        Rejection r = Rejection.of(reason, reason.description(), checkError, checkStatus);
        if (reason == Reason.NO_CREDENTIALS) {
            assertThat(r.error()).isNull();
            assertThat(r.status()).isEqualTo(401);
            return;
        }
        assertThat(r.error()).as(reason + " error").isEqualTo(e.error() == null ? checkError : e.error());
        assertThat(r.status()).as(reason + " status").isEqualTo(e.status() == null ? checkStatus : e.status());
        assertThat(r.reason()).isEqualTo(reason);
    }
}
