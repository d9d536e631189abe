package org.enachain.core.client;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * A successful token response (RFC 6749 5.1, RFC 8693 2.2.1). A refresh token in the answer is not
 * kept: chaining never refreshes, it exchanges again, so a refresh token from a target-domain AS can
 * never travel elsewhere (CL-50).
 *
 * @param accessToken     the issued token: an access token, or for a cross-domain exchange the JWT grant (CL-38)
 * @param issuedTokenType {@code issued_token_type}, when the AS sent it
 * @param scheme          {@code token_type}, read case-insensitively
 * @param expiresIn       {@code expires_in}, when the AS sent it
 * @param scope           {@code scope}, empty when the AS sent none
 */
public record TokenResponse(String accessToken, Optional<TokenTypeUri> issuedTokenType, TokenScheme scheme,
                            Optional<Duration> expiresIn, Set<String> scope) {

    public TokenResponse {
        scope = Set.copyOf(scope);
    }

    @Override
    public String toString() {
        return "TokenResponse[" + scheme + ", issued_token_type=" + issuedTokenType.map(TokenTypeUri::uri).orElse("-")
                + ", expires_in=" + expiresIn.map(Duration::toSeconds).map(String::valueOf).orElse("-")
                + ", scope=" + scope + "]";
    }
}
