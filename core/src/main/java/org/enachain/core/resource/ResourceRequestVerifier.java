package org.enachain.core.resource;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.enachain.core.OAuthError;
import org.enachain.core.Reason;
import org.enachain.core.Rejection;
import org.enachain.core.ValidationResult;
import org.enachain.core.dpop.DpopNonces;
import org.enachain.core.dpop.DpopProof;
import org.enachain.core.dpop.DpopProofVerifier;
import org.enachain.core.dpop.ProofContext;
import org.enachain.core.token.AccessToken;
import org.enachain.core.token.AccessTokenValidator;

/**
 * The whole inbound check of a protected resource: which token was presented and how (RS-01 to
 * RS-04), the token itself ({@link AccessTokenValidator}), and for the DPoP scheme the proof, its
 * {@code ath} and its key binding ({@link DpopProofVerifier}; RS-30 to RS-39). Access is granted
 * only when every check passes (RS-36); single-use records (proof {@code jti}, then a single-use
 * token's {@code jti}) are written only after all checks passed.
 *
 * <p>Build one per protected resource and share it: immutable and thread-safe.
 */
public final class ResourceRequestVerifier {

    private final AccessTokenValidator tokens;
    private final DpopMode mode;
    private final DpopProofVerifier proofs;
    private final String realm;

    private ResourceRequestVerifier(Builder b) {
        this.tokens = b.tokens;
        this.mode = b.mode;
        this.proofs = b.proofs;
        this.realm = b.realm;
    }

    public static Builder builder(AccessTokenValidator tokens) {
        return new Builder(tokens);
    }

    /** Authenticates the request; a rejection is rendered for the client by {@link #challenge}. */
    public ValidationResult<AuthenticatedRequest> verify(ResourceRequest request) {
        Presented presented;
        try {
            presented = presented(request);
        } catch (Refused e) {
            return ValidationResult.rejected(e.rejection);
        }
        if (presented.how() == Presentation.NONE) {
            return rejected(Reason.NO_CREDENTIALS, Reason.NO_CREDENTIALS.description());
        }
        if (presented.how().isDpop()) {
            if (mode == DpopMode.DISABLED) {
                return rejected(Reason.DPOP_NOT_ACCEPTED, Reason.DPOP_NOT_ACCEPTED.description());
            }
            return verifyDpop(request, presented.token());
        }
        if (mode == DpopMode.REQUIRED) {
            return rejected(Reason.BEARER_NOT_ACCEPTED, Reason.BEARER_NOT_ACCEPTED.description());
        }
        return verifyBearer(presented);
    }

    private ValidationResult<AuthenticatedRequest> verifyBearer(Presented presented) {
        ValidationResult<AccessToken> token = tokens.validateAllButReplay(presented.token());
        if (!token.isAccepted()) {
            return ValidationResult.rejected(token.rejection());
        }
        if (token.value().isDpopBound()) {
            return rejected(Reason.BOUND_TOKEN_AS_BEARER, Reason.BOUND_TOKEN_AS_BEARER.description()); // RS-31
        }
        Optional<Rejection> used = tokens.recordUse(token.value());
        if (used.isPresent()) {
            return ValidationResult.rejected(used.get());
        }
        return ValidationResult.accepted(new AuthenticatedRequest(token.value(), presented.how(), Optional.empty(),
                Optional.empty()));
    }

    private ValidationResult<AuthenticatedRequest> verifyDpop(ResourceRequest request, String compactToken) {
        if (request.dpop().isEmpty()) {
            return ValidationResult.rejected(proofRejection(Reason.PROOF_MISSING)); // RS-32
        }
        ValidationResult<AccessToken> token = tokens.validateAllButReplay(compactToken);
        if (!token.isAccepted()) {
            return ValidationResult.rejected(token.rejection());
        }
        AccessToken accessToken = token.value();
        if (!accessToken.isDpopBound()) {
            return rejected(Reason.UNBOUND_TOKEN_AS_DPOP, Reason.UNBOUND_TOKEN_AS_DPOP.description()); // RS-37, A-21
        }
        ValidationResult<DpopProof> proof = proofs.verifyAllButReplay(ProofContext.atResource(request.dpop(),
                request.method(), request.externalUri(), compactToken, accessToken.confirmationThumbprint().get()));
        if (!proof.isAccepted()) {
            return ValidationResult.rejected(proof.rejection());
        }
        Optional<Rejection> used = proofs.recordUse(proof.value());
        if (used.isEmpty()) {
            used = tokens.recordUse(accessToken);
        }
        if (used.isPresent()) {
            return ValidationResult.rejected(used.get());
        }
        Optional<String> freshNonce = proofs.nonces()
                .filter(n -> n.shouldRotate(proof.value().nonce()))
                .map(DpopNonces::issue);
        return ValidationResult.accepted(new AuthenticatedRequest(accessToken, Presentation.DPOP_HEADER,
                Optional.of(proof.value()), freshNonce));
    }

    /** RS-16, RS-26: the token must carry every required scope; otherwise 403 {@code insufficient_scope}. */
    public Optional<Rejection> checkScopes(AccessToken token, RequiredScopes required) {
        if (required.satisfiedBy(token)) {
            return Optional.empty();
        }
        return Optional.of(Rejection.of(Reason.INSUFFICIENT_SCOPE, "The access token lacks a required scope",
                OAuthError.INVALID_TOKEN, 401));
    }

    /**
     * The response for a refused request: status, {@code WWW-Authenticate} challenges for this
     * resource's schemes, and a fresh {@code DPoP-Nonce} when the proof needs one.
     */
    public ResourceChallenge challenge(Rejection rejection, Presentation presentation, RequiredScopes scope) {
        String nonce = rejection.error() == OAuthError.USE_DPOP_NONCE
                ? proofs.nonces().map(DpopNonces::issue).orElse(null) : null;
        return ResourceChallenge.render(rejection, presentation, mode,
                proofs == null ? null : proofs.algorithms().spaceSeparated(), realm, scope, nonce);
    }

    /**
     * How the request presented its token, for rendering a challenge in the scheme the client used —
     * also when the credentials themselves were malformed (RS-45).
     */
    public static Presentation presentationOf(ResourceRequest request) {
        if (request.authorization().size() == 1) {
            Presentation how = scheme(request.authorization().get(0));
            if (how != Presentation.NONE) {
                return how;
            }
        }
        return request.formAccessToken() != null ? Presentation.FORM_BODY : Presentation.NONE;
    }

    private static Presentation scheme(String authorization) {
        String v = authorization.strip();
        int space = v.indexOf(' ');
        return switch ((space < 0 ? v : v.substring(0, space)).toLowerCase(Locale.ROOT)) {
            case "bearer" -> Presentation.BEARER_HEADER;
            case "dpop" -> Presentation.DPOP_HEADER;
            default -> Presentation.NONE; // another scheme (Basic, ...): no credentials for this resource
        };
    }

    public DpopMode mode() {
        return mode;
    }

    private static Rejection proofRejection(Reason reason) {
        return Rejection.of(reason, reason.description(), OAuthError.INVALID_DPOP_PROOF, 401);
    }

    private static ValidationResult<AuthenticatedRequest> rejected(Reason reason, String description) {
        return ValidationResult.rejected(Rejection.of(reason, description, OAuthError.INVALID_TOKEN, 401));
    }

    // ------------------------------------------------------------- credential extraction

    private record Presented(Presentation how, String token) {
    }

    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Rejection rejection;

        Refused(Reason reason, String description) {
            super(description, null, false, false);
            this.rejection = Rejection.of(reason, description, OAuthError.INVALID_TOKEN, 401);
        }
    }

    /** RS-01 to RS-04: one token, from the Authorization header or the form body, never both. */
    private static Presented presented(ResourceRequest request) throws Refused {
        if (request.authorization().size() > 1) {
            throw new Refused(Reason.MULTIPLE_CREDENTIALS, "The request has more than one Authorization header");
        }
        Presented fromHeader = null;
        if (request.authorization().size() == 1) {
            fromHeader = fromAuthorization(request.authorization().get(0));
        }
        boolean inBody = request.formAccessToken() != null;
        if (fromHeader != null && fromHeader.how() != Presentation.NONE && inBody) {
            throw new Refused(Reason.MULTIPLE_CREDENTIALS, "The request presents a token in both the header and the body");
        }
        if (inBody) {
            return new Presented(Presentation.FORM_BODY, request.formAccessToken());
        }
        return fromHeader == null ? new Presented(Presentation.NONE, null) : fromHeader;
    }

    private static Presented fromAuthorization(String value) throws Refused {
        String v = value.strip();
        int space = v.indexOf(' ');
        Presentation how = scheme(v);
        if (how == Presentation.NONE) {
            return new Presented(how, null);
        }
        String token = space < 0 ? "" : v.substring(space + 1).strip();
        if (token.isEmpty() || !isToken68(token)) {
            throw new Refused(Reason.MALFORMED, "The Authorization header does not carry one access token");
        }
        return new Presented(how, token);
    }

    /** RFC 9110 token68: 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=". */
    private static boolean isToken68(String s) {
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/') {
                i++;
            } else {
                break;
            }
        }
        if (i == 0) {
            return false;
        }
        while (i < n && s.charAt(i) == '=') {
            i++;
        }
        return i == n;
    }

    public static final class Builder {
        private final AccessTokenValidator tokens;
        private DpopMode mode = DpopMode.DISABLED;
        private DpopProofVerifier proofs;
        private String realm;

        private Builder(AccessTokenValidator tokens) {
            this.tokens = Objects.requireNonNull(tokens, "tokens");
        }

        /** Accept DPoP-bound tokens, verified by {@code verifier} (a {@link DpopProofVerifier.Receiver#PROTECTED_RESOURCE} one). */
        public Builder dpop(DpopMode dpopMode, DpopProofVerifier verifier) {
            this.mode = Objects.requireNonNull(dpopMode, "dpopMode");
            if (dpopMode != DpopMode.DISABLED) {
                Objects.requireNonNull(verifier, "A DPoP mode other than DISABLED needs a proof verifier");
                if (verifier.receiver() != DpopProofVerifier.Receiver.PROTECTED_RESOURCE) {
                    throw new IllegalArgumentException("A protected resource needs a DPoP verifier built for PROTECTED_RESOURCE");
                }
            }
            this.proofs = verifier;
            return this;
        }

        /** The optional {@code realm} attribute of the challenges. */
        public Builder realm(String realmName) {
            this.realm = realmName;
            return this;
        }

        public ResourceRequestVerifier build() {
            return new ResourceRequestVerifier(this);
        }
    }
}
