package org.enachain.core.jose;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An explicit allow-list of JWS algorithms for one JWT kind (GEN-10, RFC 8725 3.1). A verifier
 * built with a policy accepts exactly these algorithms; the token's {@code alg} header selects
 * among them and never reaches an algorithm, or a key family, that is not on the list.
 *
 * <p>Immutable and thread-safe.
 */
public final class AlgorithmPolicy {

    /** Every algorithm Profile 8.2 allows, ECDSA first: ES256/384/512, RS256/384/512, PS256/384/512. */
    public static final AlgorithmPolicy PROFILE = of(JwsAlgorithm.ES256, JwsAlgorithm.ES384, JwsAlgorithm.ES512,
            JwsAlgorithm.RS256, JwsAlgorithm.RS384, JwsAlgorithm.RS512,
            JwsAlgorithm.PS256, JwsAlgorithm.PS384, JwsAlgorithm.PS512);

    private final Set<JwsAlgorithm> allowed;
    private final List<String> names;

    private AlgorithmPolicy(Set<JwsAlgorithm> allowed) {
        this.allowed = Collections.unmodifiableSet(allowed);
        this.names = allowed.stream().map(JwsAlgorithm::jwaName).toList();
    }

    /** A policy allowing exactly these algorithms, in this order of preference; at least one is required. */
    public static AlgorithmPolicy of(JwsAlgorithm... algorithms) {
        if (algorithms.length == 0) {
            throw new IllegalArgumentException("An algorithm policy needs at least one algorithm, e.g. ES256");
        }
        return new AlgorithmPolicy(new LinkedHashSet<>(Arrays.asList(algorithms)));
    }

    /**
     * Parses a space- or comma-separated list such as {@code "ES256 RS256"}, the form used in
     * configuration and in the DPoP {@code algs} challenge attribute.
     *
     * @throws IllegalArgumentException naming the first value that is not an algorithm the profile permits
     */
    public static AlgorithmPolicy parse(String list) {
        String[] tokens = list == null ? new String[0] : list.trim().split("[\\s,]+");
        Set<JwsAlgorithm> algorithms = new LinkedHashSet<>();
        for (String token : tokens) {
            if (token.isEmpty()) {
                continue;
            }
            algorithms.add(JwsAlgorithm.fromJwaName(token).orElseThrow(() -> new IllegalArgumentException(
                    "'" + token + "' is not a signature algorithm the Ena profile permits; use one of "
                            + PROFILE.names())));
        }
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("An algorithm list needs at least one algorithm, e.g. \"ES256 RS256\"");
        }
        return new AlgorithmPolicy(algorithms);
    }

    /** The allowed algorithm with this {@code alg} header value, or empty when it is not allowed. */
    public Optional<JwsAlgorithm> permitted(String alg) {
        return JwsAlgorithm.fromJwaName(alg).filter(allowed::contains);
    }

    public boolean permits(JwsAlgorithm algorithm) {
        return allowed.contains(algorithm);
    }

    public Set<JwsAlgorithm> algorithms() {
        return allowed;
    }

    /** The JWA names in the order the policy was given (the order of preference), as published in metadata and challenges. */
    public List<String> names() {
        return names;
    }

    /** The names joined by single spaces, the form of the DPoP challenge's {@code algs} attribute. */
    public String spaceSeparated() {
        return String.join(" ", names);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AlgorithmPolicy other && other.allowed.equals(allowed);
    }

    @Override
    public int hashCode() {
        return allowed.hashCode();
    }

    @Override
    public String toString() {
        return allowed.stream().map(JwsAlgorithm::jwaName).collect(Collectors.joining(" ", "AlgorithmPolicy[", "]"));
    }
}
