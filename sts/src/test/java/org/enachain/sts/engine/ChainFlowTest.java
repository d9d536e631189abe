package org.enachain.sts.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enachain.sts.engine.StsFixture.*;

import java.util.List;
import java.util.Map;

import org.enachain.core.jose.JwkThumbprint;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The whole chain in-process: login, intra-domain hops, the cross-domain grant and its redemption. */
class ChainFlowTest {

    private final StsFixture sts = StsFixture.create();

    @Test
    @DisplayName("STS-01, STS-63, STS-64: app → api-a → api-b → api-c, act nests twice with the application innermost")
    void twoHopsNestActorsInOrder() {
        String appToken = sts.aliceTokenForApiA();
        EndpointResponse first = sts.exchange(API_A, appToken, API_B, "b-read c-read", false);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        String tokenForB = (String) first.jsonBody().get("access_token");
        assertThat(claimsOf(tokenForB)).containsEntry("aud", List.of(API_B, API_B_ALIAS, ISSUER_A))
                .containsEntry("client_id", API_A).containsEntry("sub", ALICE_SUB)
                .containsEntry("act", Map.of("sub", API_A, "act", Map.of("sub", APP)));

        EndpointResponse second = sts.exchange(API_B, tokenForB, API_C, "c-read", true);
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        String tokenForC = (String) second.jsonBody().get("access_token");
        assertThat(claimsOf(tokenForC)).containsEntry("aud", API_C).containsEntry("client_id", API_B)
                .containsEntry("act", Map.of("sub", API_B, "act", Map.of("sub", API_A, "act", Map.of("sub", APP))))
                .containsEntry("cnf", Map.of("jkt", JwkThumbprint.of(dpopKey(API_B).publicKey()).value()));
        assertThat(second.jsonBody()).containsEntry("token_type", "DPoP");
    }

    @Test
    @DisplayName("STS-16, TAS-01: api-a gets a grant at domain-a and redeems it at domain-b for the partner API")
    void crossDomainGrantIsRedeemedAtTheTargetDomain() {
        String appToken = sts.aliceTokenForApiA();
        EndpointResponse leg1 = sts.grantFor(API_A, appToken, "a-read");
        assertThat(leg1.status()).as(leg1.body()).isEqualTo(200);
        assertThat(leg1.jsonBody()).containsEntry("token_type", "N_A").containsEntry("issued_token_type", JWT_TYPE);
        String grant = (String) leg1.jsonBody().get("access_token");
        assertThat(claimsOf(grant)).containsEntry("aud", ISSUER_B).containsEntry("client_id", API_A_AT_B)
                .containsEntry("act", Map.of("sub", API_A, "act", Map.of("sub", APP)));

        EndpointResponse leg2 = sts.redeem(API_A_AT_B, grant, PARTNER, "partner-read", true);
        assertThat(leg2.status()).as(leg2.body()).isEqualTo(200);
        Map<String, Object> token = claimsOf((String) leg2.jsonBody().get("access_token"));
        assertThat(token).containsEntry("iss", ISSUER_B).containsEntry("aud", PARTNER)
                .containsEntry("client_id", API_A_AT_B).containsEntry("scope", "partner-read")
                .containsEntry("sub", ALICE_SUB)
                .containsEntry("act", Map.of("sub", API_A_AT_B, "act", Map.of("sub", API_A, "act", Map.of("sub", APP))));
        assertThat(leg2.jsonBody()).containsEntry("token_type", "DPoP").doesNotContainKey("refresh_token");

        EndpointResponse replay = sts.redeem(API_A_AT_B, grant, PARTNER, "partner-read", false);
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.jsonBody()).containsEntry("error", "invalid_grant");
    }
}
