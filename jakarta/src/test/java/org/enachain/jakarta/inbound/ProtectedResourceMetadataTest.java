package org.enachain.jakarta.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;
import org.enachain.jakarta.config.ConfigKeys;
import org.enachain.jakarta.config.ConfigReader;
import org.enachain.jakarta.config.EnachainComponents;
import org.enachain.jakarta.config.EnachainSettings;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProtectedResourceMetadataTest {

    private static Map<String, Object> document(String dpop, String scopes) throws Exception {
        Map<String, String> config = new java.util.HashMap<>(Map.of(ConfigKeys.RESOURCE_IDENTIFIER, "https://api-b.example.com",
                ConfigKeys.RESOURCE_BASE_URL, "https://api-b.example.com",
                ConfigKeys.RESOURCE_ISSUERS, "https://as.example.com,https://as2.example.com",
                ConfigKeys.RESOURCE_METADATA, "true", ConfigKeys.RESOURCE_DPOP, dpop));
        if (scopes != null) {
            config.put(ConfigKeys.RESOURCE_SCOPES_SUPPORTED, scopes);
        }
        EnachainComponents c = EnachainComponents.build(EnachainSettings.read(ConfigReader.of(config)), Clock.systemUTC());
        return JsonUtil.parseJson(ProtectedResourceMetadataResource.document(c.inbound().orElseThrow()));
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @ValueSource(strings = {"required", "optional", "disabled"})
    @DisplayName("RS-52 to RS-55: the metadata states the identifier, the issuers and the DPoP behaviour; never query")
    void documentStatesTheResourcesBehaviour(String dpop) throws Exception {
        Map<String, Object> m = document(dpop, "orders-read,orders-write");
        assertThat(m.get("resource")).isEqualTo("https://api-b.example.com");
        assertThat((java.util.List<Object>) m.get("authorization_servers")).containsExactly("https://as.example.com", "https://as2.example.com");
        assertThat((java.util.List<Object>) m.get("bearer_methods_supported")).containsExactly("header", "body");
        assertThat(m.get("dpop_bound_access_tokens_required")).isEqualTo(dpop.equals("required"));
        if (dpop.equals("disabled")) {
            assertThat(m).doesNotContainKey("dpop_signing_alg_values_supported");
        } else {
            assertThat((java.util.List<Object>) m.get("dpop_signing_alg_values_supported")).contains("ES256", "RS256").doesNotContain("none");
        }
        assertThat((java.util.List<Object>) m.get("scopes_supported")).containsExactly("orders-read", "orders-write");
    }

    @ParameterizedTest
    @ValueSource(strings = {"optional"})
    void documentWithoutScopesLeavesThemOut(String dpop) throws Exception {
        assertThat(document(dpop, null)).doesNotContainKey("scopes_supported");
    }
}
