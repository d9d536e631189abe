package org.enachain.jakarta.inbound;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.enachain.core.OAuthError;
import org.enachain.core.Reason;
import org.enachain.core.Rejection;
import org.enachain.core.ValidationResult;
import org.enachain.core.resource.AuthenticatedRequest;
import org.enachain.core.resource.Presentation;
import org.enachain.core.resource.RequiredScopes;
import org.enachain.core.resource.ResourceChallenge;
import org.enachain.core.resource.ResourceRequest;
import org.enachain.core.resource.ResourceRequestVerifier;
import org.enachain.jakarta.internal.Json;

/**
 * The inbound decision, free of JAX-RS types so that it is tested without a container: what the
 * request presented, core's verdict, the scope check, and the refusal to send. No protocol rule is
 * decided here; core's {@link ResourceRequestVerifier} decides and renders.
 */
final class InboundCheck {

    /** The outcome: the authenticated request, or the refusal to answer with. */
    sealed interface Outcome permits Accepted, Refused {
    }

    record Accepted(AuthenticatedRequest request) implements Outcome {
    }

    /**
     * @param challenge core's rendering: status, {@code WWW-Authenticate}, {@code DPoP-Nonce}
     * @param headers   every header of the refusal, in order (including {@code Cache-Control: no-store})
     * @param body      the small JSON body: {@code error} (when there is one) and {@code error_description}
     */
    record Refused(ResourceChallenge challenge, Map<String, List<String>> headers, String body) implements Outcome {
        int status() {
            return challenge.status();
        }
    }

    /** The {@code access_token} parameters of a form body: how many there were, and the first. */
    record FormToken(int count, String value) {
        static final FormToken NONE = new FormToken(0, null);
    }

    private final ResourceRequestVerifier verifier;

    InboundCheck(ResourceRequestVerifier verifier) {
        this.verifier = verifier;
    }

    Outcome check(String method, URI externalUri, List<String> authorization, List<String> dpop, FormToken form,
                  RequiredScopes required) {
        ResourceRequest request = new ResourceRequest(method, externalUri, authorization, dpop, form.value());
        if (form.count() > 1) {
            // RS-04: more than one token in the body is more than one credential.
            return refuse(Rejection.of(Reason.MULTIPLE_CREDENTIALS, "The request presents more than one access token",
                    OAuthError.INVALID_REQUEST, 400), Presentation.FORM_BODY, required);
        }
        ValidationResult<AuthenticatedRequest> result = verifier.verify(request);
        if (!result.isAccepted()) {
            return refuse(result.rejection(), ResourceRequestVerifier.presentationOf(request), required);
        }
        AuthenticatedRequest authenticated = result.value();
        Optional<Rejection> scope = verifier.checkScopes(authenticated.token(), required);
        if (scope.isPresent()) {
            return refuse(scope.get(), authenticated.presentation(), required);
        }
        return new Accepted(authenticated);
    }

    private Refused refuse(Rejection rejection, Presentation presentation, RequiredScopes required) {
        ResourceChallenge challenge = verifier.challenge(rejection, presentation, required);
        return new Refused(challenge, headers(challenge), body(rejection));
    }

    /** The challenge's headers plus {@code Cache-Control: no-store} (a refusal is never cached). */
    static Map<String, List<String>> headers(ResourceChallenge challenge) {
        Map<String, List<String>> headers = new LinkedHashMap<>(challenge.headers());
        headers.put("Cache-Control", List.of("no-store"));
        return headers;
    }

    /** {@code {"error":…,"error_description":…}}: the challenge's error and its fixed description; never a token. */
    static String body(Rejection rejection) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("error", rejection.errorCode());
        members.put("error_description", rejection.description());
        return Json.object(members);
    }

    /**
     * The request URI as the client addressed it: the configured external base URL plus the path
     * below it. When the request's path starts with the base URL's path (the application is served under
     * the same path outside and inside, the usual case), the part after it is appended; otherwise the
     * base URL stands for the JAX-RS application's base URI and the path relative to it is appended.
     * Query and fragment are not part of it (GEN-30).
     *
     * @param baseUrl          the configured {@code enachain.resource.base-url}, without trailing slash
     * @param requestRawPath   the raw (encoded) path of the request URI as received
     * @param relativeRawPath  the raw path relative to the JAX-RS application's base URI
     */
    static URI externalUri(URI baseUrl, String requestRawPath, String relativeRawPath) {
        String basePath = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
        String rest;
        if (requestRawPath != null && (basePath.isEmpty() || requestRawPath.equals(basePath)
                || requestRawPath.startsWith(basePath + "/"))) {
            rest = requestRawPath.substring(basePath.length());
        } else {
            String relative = relativeRawPath == null ? "" : relativeRawPath;
            rest = relative.startsWith("/") || relative.isEmpty() ? relative : "/" + relative;
        }
        return URI.create(baseUrl.getScheme() + "://" + baseUrl.getRawAuthority() + basePath + rest);
    }

    /**
     * The {@code access_token} parameters of an {@code application/x-www-form-urlencoded} body (RFC 6750
     * 2.2); the body is not changed. Malformed escapes make the parameter unreadable, not the request.
     */
    static FormToken formToken(byte[] body) {
        if (body == null || body.length == 0) {
            return FormToken.NONE;
        }
        String text = new String(body, StandardCharsets.US_ASCII);
        int count = 0;
        String first = null;
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (!decode(name).equals("access_token")) {
                continue;
            }
            count++;
            if (first == null) {
                first = eq < 0 ? "" : decode(pair.substring(eq + 1));
            }
        }
        return count == 0 ? FormToken.NONE : new FormToken(count, first);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "\u0000malformed";
        }
    }

    /** Reads a stream fully (the form body, which is then put back for the application). */
    static byte[] readAll(java.io.InputStream in) throws java.io.IOException {
        if (in == null) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }
}
