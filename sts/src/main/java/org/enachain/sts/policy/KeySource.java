package org.enachain.sts.policy;

import java.net.URI;
import java.util.Objects;

/** Where the public keys of a client or a trusted peer issuer come from: an inline JWK Set or a JWK Set URL. */
public sealed interface KeySource {

    /** A JWK Set written into the policy file (its JSON text). */
    record Inline(String jwksJson) implements KeySource {
        public Inline {
            Objects.requireNonNull(jwksJson, "jwksJson");
        }

        @Override
        public String toString() {
            return "inline JWK Set";
        }
    }

    /** A JWK Set fetched (and cached) from an https URL. */
    record Remote(URI jwksUri) implements KeySource {
        public Remote {
            Objects.requireNonNull(jwksUri, "jwksUri");
        }

        @Override
        public String toString() {
            return jwksUri.toString();
        }
    }
}
