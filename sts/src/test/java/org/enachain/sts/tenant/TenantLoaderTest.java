package org.enachain.sts.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.enachain.core.jose.JwksSource;
import org.enachain.core.replay.InMemoryReplayStore;
import org.enachain.core.testing.LogCapture;
import org.enachain.sts.engine.Tenant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenantLoaderTest {

    private static final String BASE = "https://sts.test/base";

    @TempDir
    Path dir;

    private static final String PEER_A = """
            { "signing-keys": { "file": "keys/a.jwks", "generate": ["ES256"] },
              "resources": [ { "id": "https://api.a.test", "scopes": ["read"] } ],
              "target-peers": [ { "issuer": "${base-url}/b" } ],
              "clients": [] }
            """;
    private static final String PEER_B = """
            { "signing-keys": { "file": "keys/b.jwks", "generate": ["ES256"] },
              "resources": [ { "id": "https://api.b.test", "scopes": ["read"] } ],
              "trusted-issuers": [ { "issuer": "${base-url}/a", "jwks-uri": "${base-url}/a/jwks" } ],
              "clients": [] }
            """;

    private TenantLoader.Loaded load(List<URI> remoteRequests) throws IOException {
        JwksSource none = (kid, alg) -> List.of();
        return TenantLoader.load(dir, BASE, Clock.systemUTC(), InMemoryReplayStore::new,
                uri -> {
                    remoteRequests.add(uri);
                    return none;
                });
    }

    @Test
    @DisplayName("Keys are generated at first start, kept owner-only, and the same keys come back after a restart")
    void whenKeyFileIsMissingThenKeysAreGeneratedAndKept() throws IOException {
        Files.writeString(dir.resolve("a.json"), PEER_A);
        Tenant first = load(new java.util.ArrayList<>()).tenants().get("a");
        Path keyFile = dir.resolve("keys/a.jwks");
        assertThat(keyFile).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(dir.resolve("keys/a.jwks.pseudonym-key")).exists();
        Tenant second = load(new java.util.ArrayList<>()).tenants().get("a");
        assertThat(second.jwksJson()).isEqualTo(first.jwksJson());
        assertThat(first.issuer()).isEqualTo(BASE + "/a");
        assertThat(first.jwksJson()).doesNotContain("\"d\"");
    }

    @Test
    @DisplayName("STS-04, TAS-02: a tenant trusting another tenant of the deployment reads its keys in-process; ${base-url} is replaced")
    void whenPeerIsLocalThenItsKeysAreNotFetched() throws IOException {
        Files.writeString(dir.resolve("a.json"), PEER_A);
        Files.writeString(dir.resolve("b.json"), PEER_B);
        List<URI> remote = new java.util.ArrayList<>();
        TenantLoader.Loaded loaded = load(remote);
        assertThat(loaded.failures()).isEmpty();
        assertThat(loaded.tenants()).containsOnlyKeys("a", "b");
        assertThat(loaded.tenants().get("b").policy().trustedIssuers().get(0).issuer()).isEqualTo(BASE + "/a");
        assertThat(remote).isEmpty();
    }

    @Test
    @DisplayName("A bad policy file stops that tenant only, and the log names every problem by field")
    void whenOnePolicyIsBadThenOnlyThatTenantFails() throws IOException {
        Files.writeString(dir.resolve("a.json"), PEER_A);
        Files.writeString(dir.resolve("bad.json"), """
                { "resources": [ { "id": "http://api.test", "scopes": ["read"], "dpop": "maybe" } ], "clients": [] }
                """);
        try (LogCapture log = new LogCapture()) {
            TenantLoader.Loaded loaded = load(new java.util.ArrayList<>());
            assertThat(loaded.tenants()).containsOnlyKeys("a");
            assertThat(loaded.failures().get("bad")).anyMatch(p -> p.startsWith("resources[0].id:"))
                    .anyMatch(p -> p.startsWith("resources[0].dpop:"));
            assertThat(log.all()).contains("ENAS1001E").contains("resources[0].dpop");
        }
    }

    @Test
    @DisplayName("A key file that is missing without generate stops the tenant with a message naming the fix")
    void whenKeyFileIsMissingAndNotGeneratedThenTenantFails() throws IOException {
        Files.writeString(dir.resolve("a.json"), PEER_A.replace(", \"generate\": [\"ES256\"]", ""));
        TenantLoader.Loaded loaded = load(new java.util.ArrayList<>());
        assertThat(loaded.tenants()).isEmpty();
        assertThat(loaded.failures().get("a")).singleElement().asString().contains("does not exist")
                .contains("generate");
        assertThat(Map.copyOf(loaded.failures())).hasSize(1);
    }
}
