package org.enachain.core.dpop;

import static org.assertj.core.api.Assertions.assertThat;

import org.enachain.core.OAuthError;
import org.enachain.core.Reason;
import org.enachain.core.Rejection;
import org.enachain.core.ValidationResult;

/** Assertions on the outcome of a DPoP proof check. */
final class RejectionAssert {

    private RejectionAssert() {
    }

    /** Asserts the result is a rejection with exactly this reason, error code and status, and returns it. */
    static Rejection assertRejected(ValidationResult<?> result, Reason reason, OAuthError error, int status) {
        assertThat(result.isAccepted()).as("accepted: %s", result).isFalse();
        Rejection rejection = result.rejection();
        assertThat(rejection.reason()).as("reason of %s", rejection).isEqualTo(reason);
        assertThat(rejection.error()).as("error of %s", rejection).isEqualTo(error);
        assertThat(rejection.status()).as("status of %s", rejection).isEqualTo(status);
        assertThat(rejection.description()).isNotBlank();
        return rejection;
    }

    /**
     * Asserts the description quotes none of {@code material}: not a proof (nor any segment of it),
     * an access token, a {@code jti}, a hash or a key member.
     */
    static void assertDisclosesNothing(Rejection rejection, String... material) {
        for (String m : material) {
            if (m == null || m.isEmpty()) {
                continue;
            }
            assertThat(rejection.description()).doesNotContain(m);
            for (String segment : m.split("\\.")) {
                if (segment.length() >= 8) {
                    assertThat(rejection.description()).doesNotContain(segment);
                }
            }
        }
    }
}
