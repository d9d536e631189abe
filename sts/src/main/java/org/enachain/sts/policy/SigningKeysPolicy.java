package org.enachain.sts.policy;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import org.enachain.core.jose.JwsAlgorithm;

/**
 * The tenant's own signing keys: either generated at first start and kept in a private JWK Set
 * file (so a restart keeps the keys the peers already trust), or loaded from an operator-provided
 * private JWK Set file. The first key of the file is the default; resources may prefer another
 * algorithm (GEN-82).
 */
public record SigningKeysPolicy(Path file, boolean generateWhenMissing, List<JwsAlgorithm> generatedAlgorithms) {

    public SigningKeysPolicy {
        Objects.requireNonNull(file, "file");
        generatedAlgorithms = List.copyOf(generatedAlgorithms);
        if (generateWhenMissing && generatedAlgorithms.isEmpty()) {
            throw new IllegalArgumentException("Generated signing keys need at least one algorithm");
        }
    }
}
