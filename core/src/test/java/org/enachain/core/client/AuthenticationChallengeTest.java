package org.enachain.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The client's {@code WWW-Authenticate} parser (RFC 9110 11.6.1, RFC 6750 3, RFC 9449 7.1; CL-51, CL-52). */
class AuthenticationChallengeTest {

    private static List<AuthenticationChallenge> parse(String... headerValues) {
        return AuthenticationChallenge.parse(List.of(headerValues));
    }

    @Test
    @DisplayName("CL-51: a single RFC 6750 Bearer challenge is read with realm, error, error_description and scope")
    void parseWhenSingleBearerChallengeThenSchemeAndParametersRead() {
        List<AuthenticationChallenge> challenges = parse("Bearer realm=\"example\", error=\"insufficient_scope\","
                + " error_description=\"The request requires higher privileges\", scope=\"orders-read orders-write\"");

        assertThat(challenges).hasSize(1);
        AuthenticationChallenge c = challenges.get(0);
        assertThat(c.scheme()).isEqualTo("Bearer");
        assertThat(c.parameter("realm")).contains("example");
        assertThat(c.error()).contains("insufficient_scope");
        assertThat(c.parameter("error_description")).contains("The request requires higher privileges");
        assertThat(c.parameter("scope")).contains("orders-read orders-write");
        assertThat(c.token68()).isNull();
    }

    @Test
    @DisplayName("CL-51: an RFC 9449 DPoP challenge is read with algs and error")
    void parseWhenDpopChallengeThenAlgsAndErrorRead() {
        AuthenticationChallenge c = parse("DPoP error=\"use_dpop_nonce\","
                + " error_description=\"Resource server requires nonce in DPoP proof\", algs=\"ES256 PS256\"").get(0);

        assertThat(c.isScheme("DPoP")).isTrue();
        assertThat(c.error()).contains("use_dpop_nonce");
        assertThat(c.parameter("algs")).contains("ES256 PS256");
    }

    @Test
    @DisplayName("CL-51: two challenges in one header value are read as two, each with its own parameters")
    void parseWhenTwoChallengesInOneValueThenBothRead() {
        List<AuthenticationChallenge> challenges = parse(
                "Bearer realm=\"api\", error=\"invalid_token\", DPoP algs=\"ES256\", error=\"invalid_dpop_proof\"");

        assertThat(challenges).extracting(AuthenticationChallenge::scheme).containsExactly("Bearer", "DPoP");
        assertThat(challenges.get(0).parameters()).containsOnlyKeys("realm", "error")
                .containsEntry("error", "invalid_token");
        assertThat(challenges.get(1).parameters()).containsOnlyKeys("algs", "error")
                .containsEntry("error", "invalid_dpop_proof");
    }

    @Test
    @DisplayName("CL-51: challenges in separate header values are all read, in order")
    void parseWhenSeparateHeaderValuesThenAllRead() {
        List<AuthenticationChallenge> challenges = parse("Bearer realm=\"api\"", "DPoP algs=\"ES256\"");

        assertThat(challenges).extracting(AuthenticationChallenge::scheme).containsExactly("Bearer", "DPoP");
        assertThat(challenges.get(1).parameter("algs")).contains("ES256");
    }

    @Test
    @DisplayName("CL-51: the RFC 9110 example with two challenges, a token value and an escaped quote is read")
    void parseWhenRfc9110ExampleThenBothChallengesRead() {
        List<AuthenticationChallenge> challenges = parse(
                "Newauth realm=\"apps\", type=1, title=\"Login to \\\"apps\\\"\", Basic realm=\"simple\"");

        assertThat(challenges).hasSize(2);
        assertThat(challenges.get(0).parameters()).containsEntry("realm", "apps").containsEntry("type", "1")
                .containsEntry("title", "Login to \"apps\"");
        assertThat(challenges.get(1).scheme()).isEqualTo("Basic");
        assertThat(challenges.get(1).parameter("realm")).contains("simple");
    }

    @Test
    @DisplayName("CL-51: a quoted string with escaped quotes and a comma inside is one value")
    void parseWhenQuotedStringHasEscapedQuotesAndCommaThenOneValue() {
        AuthenticationChallenge c = parse(
                "Bearer error_description=\"token \\\"a,b\\\" expired, renew it\", error=\"invalid_token\"").get(0);

        assertThat(c.parameter("error_description")).contains("token \"a,b\" expired, renew it");
        assertThat(c.error()).contains("invalid_token");
    }

    @Test
    @DisplayName("CL-51: whitespace around '=' and before ',' is allowed")
    void parseWhenWhitespaceAroundSeparatorsThenRead() {
        List<AuthenticationChallenge> challenges = parse("Bearer error = \"invalid_token\" , DPoP algs=\"ES256\"");

        assertThat(challenges).hasSize(2);
        assertThat(challenges.get(0).error()).contains("invalid_token");
    }

    @Test
    @DisplayName("CL-51: scheme and parameter names compare case-insensitively")
    void parseWhenNamesInOtherCaseThenFound() {
        List<String> headers = List.of("bearer ERROR=\"invalid_token\"", "dpop Algs=\"ES256\"");

        assertThat(AuthenticationChallenge.find(headers, "Bearer").flatMap(AuthenticationChallenge::error))
                .contains("invalid_token");
        assertThat(AuthenticationChallenge.find(headers, "DPoP").flatMap(c -> c.parameter("algs"))).contains("ES256");
    }

    @Test
    @DisplayName("CL-51: a scheme with no parameters followed by another challenge gives both")
    void parseWhenSchemeWithoutParametersThenBothRead() {
        List<AuthenticationChallenge> challenges = parse("Bearer, DPoP algs=\"ES256\"");

        assertThat(challenges).extracting(AuthenticationChallenge::scheme).containsExactly("Bearer", "DPoP");
        assertThat(challenges.get(0).parameters()).isEmpty();
    }

    @Test
    @DisplayName("find() returns empty when no challenge of the scheme is present")
    void findWhenSchemeAbsentThenEmpty() {
        assertThat(AuthenticationChallenge.find(List.of("Bearer realm=\"api\""), "DPoP")).isEqualTo(Optional.empty());
    }

    @Test
    @DisplayName("CL-52: unknown parameters, quoted or not, are skipped and the known ones are still read")
    void parseWhenUnknownParametersThenKnownStillRead() {
        AuthenticationChallenge c = parse(
                "DPoP x-vendor=\"a, b=c\", algs=\"ES256\", x-flag=1, error=\"invalid_token\"").get(0);

        assertThat(c.parameter("algs")).contains("ES256");
        assertThat(c.error()).contains("invalid_token");
    }

    @Test
    @DisplayName("CL-52: an unknown parameter does not start a new challenge")
    void parseWhenUnknownParameterThenStillOneChallenge() {
        assertThat(parse("Bearer realm=\"api\", foo=\"bar\", error=\"invalid_token\"")).hasSize(1);
    }

    @Test
    @DisplayName("CL-51: a token68 challenge (Basic dXNlcjpwYXNz) is read as scheme plus token68, without parameters")
    void parseWhenToken68ThenRead() {
        AuthenticationChallenge c = parse("Basic dXNlcjpwYXNz").get(0);

        assertThat(c.scheme()).isEqualTo("Basic");
        assertThat(c.token68()).isEqualTo("dXNlcjpwYXNz");
        assertThat(c.parameters()).isEmpty();
    }

    @Test
    @DisplayName("CL-51: a padded token68 followed by a Bearer challenge gives both challenges")
    void parseWhenPaddedToken68ThenNextChallengeRead() {
        List<AuthenticationChallenge> challenges = parse("Negotiate YWJjZA==, Bearer error=\"invalid_token\"");

        assertThat(challenges).hasSize(2);
        assertThat(challenges.get(0).token68()).isEqualTo("YWJjZA==");
        assertThat(challenges.get(1).error()).contains("invalid_token");
    }

    @Test
    @DisplayName("An unterminated quoted string ends the parse of that value, keeping what came before")
    void parseWhenUnterminatedQuoteThenEarlierParametersKept() {
        List<AuthenticationChallenge> challenges = parse("DPoP algs=\"ES256\", error=\"invalid_to", "Bearer realm=\"api\"");

        assertThat(challenges).extracting(AuthenticationChallenge::scheme).containsExactly("DPoP", "Bearer");
        assertThat(challenges.get(0).parameter("algs")).contains("ES256");
        assertThat(challenges.get(0).error()).isEqualTo(Optional.empty());
    }

    @Test
    @DisplayName("No header values give no challenges")
    void parseWhenNoValuesThenEmpty() {
        assertThat(AuthenticationChallenge.parse(List.of())).isEmpty();
    }
}
