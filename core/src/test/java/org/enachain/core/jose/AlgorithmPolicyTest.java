package org.enachain.core.jose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AlgorithmPolicyTest {

    private static final String ALLOWED_LIST = "[ES256, ES384, ES512, RS256, RS384, RS512, PS256, PS384, PS512]";

    @Test
    @DisplayName("GEN-09: the profile policy names exactly the nine Profile 8.2 algorithms and no SHA-1, HMAC or none")
    void profileWhenListedThenExactlyNineAlgorithms() {
        assertThat(AlgorithmPolicy.PROFILE.names())
                .containsExactly("ES256", "ES384", "ES512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512");
        assertThat(AlgorithmPolicy.PROFILE.algorithms()).containsExactlyInAnyOrder(JwsAlgorithm.values());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"HS256", "none", "ES256K", "RS1"})
    @DisplayName("GEN-08: an algorithm outside the profile cannot be configured; the message names it and the allowed list")
    void parseWhenAlgorithmOutsideProfileThenRefusedNamingAllowedList(String alg) {
        assertThatThrownBy(() -> AlgorithmPolicy.parse(alg))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + alg + "' is not a signature algorithm the Ena profile permits; use one of " + ALLOWED_LIST);
    }

    @Test
    @DisplayName("GEN-08: one disallowed algorithm in an otherwise valid list refuses the whole list")
    void parseWhenOneOfSeveralIsDisallowedThenRefused() {
        assertThatThrownBy(() -> AlgorithmPolicy.parse("ES256 HS256 RS256"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'HS256' is not a signature algorithm the Ena profile permits");
    }

    @Test
    @DisplayName("a space- and comma-separated list parses to exactly those algorithms, in the order of preference given")
    void parseWhenSpaceAndCommaSeparatedThenThoseAlgorithms() {
        AlgorithmPolicy policy = AlgorithmPolicy.parse(" ES256, RS256  PS256 ");

        assertThat(policy.names()).containsExactly("ES256", "RS256", "PS256");
        assertThat(policy.spaceSeparated()).isEqualTo("ES256 RS256 PS256");
        assertThat(policy).isEqualTo(AlgorithmPolicy.of(JwsAlgorithm.PS256, JwsAlgorithm.ES256, JwsAlgorithm.RS256));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "  ", " , "})
    @DisplayName("an empty list is refused")
    void parseWhenEmptyThenRefused(String list) {
        assertThatThrownBy(() -> AlgorithmPolicy.parse(list))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("An algorithm list needs at least one algorithm, e.g. \"ES256 RS256\"");
    }

    @Test
    @DisplayName("a null list is refused like an empty one")
    void parseWhenNullThenRefused() {
        assertThatThrownBy(() -> AlgorithmPolicy.parse(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs at least one algorithm");
    }

    @Test
    @DisplayName("a policy of no algorithms cannot be built")
    void ofWhenNoAlgorithmsThenRefused() {
        assertThatThrownBy(AlgorithmPolicy::of)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("An algorithm policy needs at least one algorithm, e.g. ES256");
    }

    @Test
    @DisplayName("permitted() finds only listed algorithms by exact name")
    void permittedWhenAlgNotOnListThenEmpty() {
        AlgorithmPolicy es256Only = AlgorithmPolicy.of(JwsAlgorithm.ES256);

        assertThat(es256Only.permitted("ES256")).contains(JwsAlgorithm.ES256);
        assertThat(es256Only.permitted("RS256")).isEmpty();
        assertThat(es256Only.permitted("es256")).isEmpty();
        assertThat(es256Only.permitted("none")).isEmpty();
        assertThat(es256Only.permitted(null)).isEmpty();
        assertThat(es256Only.permits(JwsAlgorithm.ES384)).isFalse();
    }

    @Test
    @DisplayName("toString lists the algorithms")
    void toStringWhenCalledThenListsAlgorithms() {
        assertThat(AlgorithmPolicy.of(JwsAlgorithm.ES256, JwsAlgorithm.RS256)).hasToString("AlgorithmPolicy[ES256 RS256]");
    }
}
