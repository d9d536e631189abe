package org.enachain.core.client;

import java.util.Locale;
import java.util.Optional;

/**
 * The {@code token_type} of a token response (RFC 6749 7.1), read case-insensitively (CL-48, A-01),
 * which fixes how the token is presented: {@code Authorization: Bearer} or {@code Authorization: DPoP}
 * with a proof (CL-53, CL-56). {@code N_A} marks a token that is not an access token, such as the
 * JWT grant of a cross-domain exchange (RFC 8693 2.2.1).
 */
public enum TokenScheme {
    BEARER("Bearer"),
    DPOP("DPoP"),
    N_A("N_A");

    private final String value;

    TokenScheme(String value) {
        this.value = value;
    }

    /** The scheme name as it is written in an {@code Authorization} header. */
    public String value() {
        return value;
    }

    public static Optional<TokenScheme> fromTokenType(String tokenType) {
        if (tokenType == null) {
            return Optional.empty();
        }
        String lower = tokenType.toLowerCase(Locale.ROOT);
        for (TokenScheme s : values()) {
            if (s.value.toLowerCase(Locale.ROOT).equals(lower)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
