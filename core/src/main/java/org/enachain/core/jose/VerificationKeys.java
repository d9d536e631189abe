package org.enachain.core.jose;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.enachain.core.Printable;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/**
 * A fixed set of public verification keys, each with its optional {@code kid} and {@code alg}. Keys
 * that break the profile's rules (RSA under 2048 bits, other curves, EC points off their curve,
 * keys marked for encryption) are left out when the set is built, so they can never verify anything.
 *
 * <p>Immutable and thread-safe; also the {@link JwksSource} for configured keys.
 */
public final class VerificationKeys implements JwksSource {

    /** One usable key. */
    public record Entry(String kid, JwsAlgorithm algorithm, PublicKey key) {
    }

    private static final List<String> PROFILE_CURVES =
            List.of(EllipticCurves.P_256, EllipticCurves.P_384, EllipticCurves.P_521);

    private final List<Entry> entries;
    private final List<String> skipped;
    private final List<String> otherUses;

    private VerificationKeys(List<Entry> entries, List<String> skipped, List<String> otherUses) {
        this.entries = List.copyOf(entries);
        this.skipped = List.copyOf(skipped);
        this.otherUses = List.copyOf(otherUses);
    }

    /**
     * Reads a JWK Set document (RFC 7517 5). Entries meant for something other than signatures are left
     * out and listed in {@link #otherUses()}; entries that are not RSA or EC public keys, or that break the
     * key rules, are skipped and listed in {@link #skipped()}.
     *
     * @throws IllegalArgumentException when the text is not a JWK Set at all
     */
    public static VerificationKeys fromJwks(String json) {
        // Not jose4j's JsonWebKeySet: it silently drops entries it cannot read (an unknown crv such
        // as P-192, a malformed member), and those must be listed in skipped() like every other.
        Object keys;
        try {
            keys = JsonUtil.parseJson(json).get("keys");
        } catch (JoseException | RuntimeException e) {
            throw new IllegalArgumentException("Not a JWK Set document (" + e.getClass().getSimpleName() + ")");
        }
        if (!(keys instanceof List<?> members)) {
            throw new IllegalArgumentException("Not a JWK Set document (no keys array)");
        }
        List<Entry> entries = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<String> otherUses = new ArrayList<>();
        for (Object member : members) {
            if (!(member instanceof Map<?, ?> params)) {
                skipped.add("an entry that is not a JSON object");
                continue;
            }
            String name = params.get("kid") instanceof String kid ? "kid '" + Printable.ascii(kid, 64) + "'" : "a key without kid";
            JsonWebKey jwk;
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> typed = (Map<String, Object>) params;
                jwk = JsonWebKey.Factory.newJwk(typed);
            } catch (JoseException | RuntimeException e) {
                skipped.add(name + ": " + unreadable(params, e));
                continue;
            }
            if (!(jwk instanceof PublicJsonWebKey pub)) {
                skipped.add(name + ": not an RSA or EC key");
                continue;
            }
            if (jwk.getUse() != null && !jwk.getUse().equals("sig")) {
                otherUses.add(name + ": use is '" + Printable.ascii(jwk.getUse(), 16) + "', not 'sig'");
                continue;
            }
            if (jwk.getKeyOps() != null && !jwk.getKeyOps().contains("verify")) {
                otherUses.add(name + ": key_ops does not include 'verify'");
                continue;
            }
            JwsAlgorithm algorithm = null;
            if (jwk.getAlgorithm() != null) {
                algorithm = JwsAlgorithm.fromJwaName(jwk.getAlgorithm()).orElse(null);
                if (algorithm == null) {
                    skipped.add(name + ": alg '" + Printable.ascii(jwk.getAlgorithm(), 16) + "' is not permitted by the profile");
                    continue;
                }
            }
            PublicKey key = pub.getPublicKey();
            String problem = KeyPolicy.problemWith(key).orElse(null);
            if (problem != null) {
                skipped.add(name + ": " + problem);
                continue;
            }
            entries.add(new Entry(jwk.getKeyId(), algorithm, key));
        }
        return new VerificationKeys(entries, skipped, otherUses);
    }

    /** Why jose4j could not read a JWK; names the rule for the common case of an unsupported curve. */
    private static String unreadable(Map<?, ?> params, Exception e) {
        Object crv = params.get("crv");
        if ("EC".equals(params.get("kty")) && crv != null && !PROFILE_CURVES.contains(crv)) {
            return "EC key on a curve other than P-256, P-384 or P-521";
        }
        return "not a JWK that can be read (" + e.getClass().getSimpleName() + ")";
    }

    /** Reads {@code PUBLIC KEY} and {@code CERTIFICATE} blocks; each key's kid is its RFC 7638 thumbprint. */
    public static VerificationKeys fromPem(String pem) {
        List<PublicKey> keys = new ArrayList<>();
        for (Pem.Block block : Pem.blocks(pem)) {
            if (Pem.isPrivate(block)) {
                throw new IllegalArgumentException("Verification keys must not include a private key; remove the "
                        + block.label() + " block");
            }
            keys.add(Pem.publicKey(block));
        }
        return of(keys.toArray(PublicKey[]::new));
    }

    /**
     * Exactly these keys, each under its RFC 7638 thumbprint as kid.
     *
     * @throws IllegalArgumentException when a key breaks the profile's key rules
     */
    public static VerificationKeys of(PublicKey... keys) {
        List<Entry> entries = new ArrayList<>();
        for (PublicKey key : keys) {
            KeyPolicy.require(key, "A verification key");
            entries.add(new Entry(JwkThumbprint.of(key).value(), null, key));
        }
        return new VerificationKeys(entries, List.of(), List.of());
    }

    /** The public keys of these signing keys, under their key ids (for tests and single-process setups). */
    public static VerificationKeys of(SigningKey... keys) {
        List<Entry> entries = new ArrayList<>();
        for (SigningKey key : keys) {
            entries.add(new Entry(key.keyId(), key.algorithm(), key.publicKey()));
        }
        return new VerificationKeys(entries, List.of(), List.of());
    }

    @Override
    public List<PublicKey> keysFor(String kid, JwsAlgorithm algorithm) {
        List<PublicKey> matching = new ArrayList<>(1);
        for (Entry e : entries) {
            if ((kid == null || kid.equals(e.kid()))
                    && (e.algorithm() == null || e.algorithm() == algorithm)
                    && algorithm.fits(e.key())) {
                matching.add(e.key());
            }
        }
        return matching;
    }

    /** Whether some key carries this kid (whatever its algorithm). */
    public boolean hasKeyId(String kid) {
        for (Entry e : entries) {
            if (kid.equals(e.kid())) {
                return true;
            }
        }
        return false;
    }

    public List<Entry> entries() {
        return entries;
    }

    /**
     * One line per JWK that was meant for signatures (or did not say) but cannot be used — unreadable, not RSA or
     * EC, a disallowed {@code alg}, a weak key — with the reason; safe to log.
     */
    public List<String> skipped() {
        return skipped;
    }

    /**
     * One line per JWK marked for another use ({@code use} other than {@code sig}, {@code key_ops} without
     * {@code verify}), left out: an encryption key beside the signing keys is a normal part of an authorization
     * server's JWK Set (Keycloak publishes one in every realm). Safe to log.
     */
    public List<String> otherUses() {
        return otherUses;
    }

    public int size() {
        return entries.size();
    }

    @Override
    public String toString() {
        return "VerificationKeys" + entries.stream().map(e -> Map.entry(String.valueOf(e.kid()),
                e.key().getAlgorithm())).toList();
    }
}
