package org.enachain.jakarta.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.enachain.core.chain.ChainTarget;
import org.enachain.core.http.TransportSecurity;
import org.enachain.jakarta.config.ConfigReader;
import org.enachain.jakarta.config.ConfigurationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** @ChainedToken resolved once per method when the client is built: type vs method, overrides, errors. */
class ChainTargetsTest {

    static final String HOME = "https://as.example.com";
    static final String DOMAIN_B = "https://as.domain-b.example";

    @RegisterRestClient(configKey = "api-b")
    @ChainedToken(audience = "https://api-b.example.com", scope = "orders-read")
    interface ApiB {
        String orders();

        @ChainedToken(audience = "https://api-b.example.com", scope = {"orders-write", "audit"}, requireDpop = true)
        String create();

        default String helper() {
            return orders();
        }
    }

    interface MethodOnly {
        @ChainedToken(resource = "https://api-c.example.com/")
        String annotated();

        String plain();
    }

    @ChainedToken(resource = "https://api.domain-b.example", scope = "b-read", targetIssuer = DOMAIN_B)
    interface Partner {
        String get();
    }

    @ChainedToken(audience = "https://x.example", resource = "https://y.example")
    interface Both {
        String get();
    }

    @ChainedToken(scope = "s")
    interface Neither {
        String get();
    }

    @ChainedToken(audience = "https://api.domain-b.example", targetIssuer = DOMAIN_B)
    interface CrossDomainAudience {
        String get();
    }

    @ChainedToken(resource = "https://api.domain-c.example", targetIssuer = "https://as.domain-c.example")
    interface UnknownTargetIssuer {
        String get();
    }

    interface NotAnnotated {
        String get();
    }

    private final Map<String, String> config = new HashMap<>();

    private Map<Method, ChainTargets.Resolved> resolve(Class<?> type) {
        return ChainTargets.resolve(type, ConfigReader.of(config), HOME, Set.of(HOME, DOMAIN_B), TransportSecurity.requireTls());
    }

    private static Method method(Class<?> type, String name) throws NoSuchMethodException {
        return type.getMethod(name);
    }

    @Test
    void annotatedWhenTypeOrAnyMethodCarriesItThenTrue() {
        assertThat(ChainTargets.annotated(ApiB.class)).isTrue();
        assertThat(ChainTargets.annotated(MethodOnly.class)).isTrue();
        assertThat(ChainTargets.annotated(NotAnnotated.class)).isFalse();
    }

    @Test
    void resolveWhenTypeAnnotatedThenEveryMethodButDefaultOnes() throws Exception {
        Map<Method, ChainTargets.Resolved> targets = resolve(ApiB.class);
        assertThat(targets).containsOnlyKeys(method(ApiB.class, "orders"), method(ApiB.class, "create"));
        ChainTargets.Resolved orders = targets.get(method(ApiB.class, "orders"));
        assertThat(orders.target()).isEqualTo(ChainTarget.audience("https://api-b.example.com").scope("orders-read"));
        assertThat(orders.name()).isEqualTo("https://api-b.example.com");
        assertThat(orders.authorizationServer()).isEqualTo(HOME);
    }

    @Test
    @DisplayName("The method's annotation wins over the interface's (CL-72 with requireDpop)")
    void resolveWhenMethodAnnotatedThenMethodWins() throws Exception {
        ChainTarget create = resolve(ApiB.class).get(method(ApiB.class, "create")).target();
        assertThat(create).isEqualTo(ChainTarget.audience("https://api-b.example.com").scope("orders-write", "audit")
                .requireDpop());
        assertThat(create.dpopRequired()).isTrue();
    }

    @Test
    void resolveWhenOnlySomeMethodsAnnotatedThenOnlyThose() throws Exception {
        Map<Method, ChainTargets.Resolved> targets = resolve(MethodOnly.class);
        assertThat(targets).containsOnlyKeys(method(MethodOnly.class, "annotated"));
        assertThat(targets.get(method(MethodOnly.class, "annotated")).target())
                .isEqualTo(ChainTarget.resource("https://api-c.example.com/"));
    }

    @Test
    @DisplayName("Chaining 3: targetIssuer makes a cross-domain target with the resource in the target domain")
    void resolveWhenTargetIssuerThenCrossDomain() throws Exception {
        ChainTargets.Resolved r = resolve(Partner.class).get(method(Partner.class, "get"));
        assertThat(r.target()).isEqualTo(ChainTarget.crossDomain(DOMAIN_B).targetResource("https://api.domain-b.example")
                .scope("b-read"));
        assertThat(r.authorizationServer()).isEqualTo(DOMAIN_B);
    }

    @Test
    @DisplayName("Configuration overrides the annotation under the configKey: <configKey>/enachain/...")
    void resolveWhenConfigKeyOverridesThenOverridden() throws Exception {
        config.put("api-b/enachain/audience", "https://api-b.internal.example");
        config.put("api-b/enachain/scope", "orders-read  profile");
        config.put("api-b/enachain/require-dpop", "true");
        ChainTarget orders = resolve(ApiB.class).get(method(ApiB.class, "orders")).target();
        assertThat(orders).isEqualTo(ChainTarget.audience("https://api-b.internal.example").scope("orders-read", "profile")
                .requireDpop());
    }

    @Test
    void resolveWhenClassNameKeyOverridesThenOverriddenButConfigKeyWins() throws Exception {
        config.put(ApiB.class.getName() + "/enachain/audience", "https://by-name.example");
        config.put(ApiB.class.getName() + "/enachain/require-dpop", "true");
        assertThat(resolve(ApiB.class).get(method(ApiB.class, "orders")).name()).isEqualTo("https://by-name.example");
        config.put("api-b/enachain/audience", "https://by-key.example");
        config.put("api-b/enachain/require-dpop", "false");
        ChainTargets.Resolved r = resolve(ApiB.class).get(method(ApiB.class, "orders"));
        assertThat(r.name()).isEqualTo("https://by-key.example");
        assertThat(r.target().dpopRequired()).isFalse();
    }

    @Test
    void resolveWhenOverrideMakesCrossDomainThenCrossDomain() throws Exception {
        config.put(MethodOnly.class.getName() + "/enachain/target-issuer", DOMAIN_B);
        assertThat(resolve(MethodOnly.class).get(method(MethodOnly.class, "annotated")).target().isCrossDomain()).isTrue();
    }

    @Test
    void resolveWhenOverrideAddsResourceToAudienceThenBothError() {
        config.put("api-b/enachain/resource", "https://api-b.example.com");
        assertThatThrownBy(() -> resolve(ApiB.class)).isInstanceOf(ChainedTokenException.class)
                .hasMessageContaining("names both an audience and a resource");
    }

    @Test
    @DisplayName("Both audience and resource: the client is not built; the message names the interface, method and fix")
    void resolveWhenBothThenErrorNamingInterfaceMethodAndFix() {
        assertThatThrownBy(() -> resolve(Both.class)).isInstanceOf(ChainedTokenException.class)
                .hasMessage("Rest client " + Both.class.getName() + ".get(): @ChainedToken names both an audience and a"
                        + " resource; give exactly one: audience = the target resource's identifier (the usual choice),"
                        + " or resource = an RFC 8707 resource URI")
                .satisfies(e -> assertThat(((ChainedTokenException) e).kind()).isEqualTo(ChainedTokenException.Kind.CONFIGURATION));
    }

    @Test
    void resolveWhenNeitherThenError() {
        assertThatThrownBy(() -> resolve(Neither.class)).isInstanceOf(ChainedTokenException.class)
                .hasMessageStartingWith("Rest client " + Neither.class.getName() + ".get(): @ChainedToken names neither an"
                        + " audience nor a resource; give exactly one");
    }

    @Test
    void resolveWhenCrossDomainWithAudienceThenErrorSayingResource() {
        assertThatThrownBy(() -> resolve(CrossDomainAudience.class)).isInstanceOf(ChainedTokenException.class)
                .hasMessageContaining("write resource = \"https://api.domain-b.example\"");
    }

    @Test
    void resolveWhenNoIdentityAtTargetIssuerThenErrorNamingTheKeys() {
        assertThatThrownBy(() -> resolve(UnknownTargetIssuer.class)).isInstanceOf(ChainedTokenException.class)
                .hasMessageContaining("no client identity is configured for the target authorization server"
                        + " https://as.domain-c.example; configure enachain.as.<alias>.issuer=https://as.domain-c.example");
    }

    @Test
    void resolveWhenTargetIssuerNotHttpsThenError() {
        config.put(Partner.class.getName() + "/enachain/target-issuer", "http://as.domain-b.example");
        assertThatThrownBy(() -> resolve(Partner.class)).isInstanceOf(ChainedTokenException.class)
                .hasMessageContaining("targetIssuer uses plain http");
    }

    @Test
    void resolveWhenScopeNotAScopeThenError() {
        config.put("api-b/enachain/scope", "a\"b");
        assertThatThrownBy(() -> resolve(ApiB.class)).isInstanceOf(ChainedTokenException.class)
                .hasMessageStartingWith("Rest client " + ApiB.class.getName() + ".");
    }

    @Test
    void resolveWhenRequireDpopNotABooleanThenErrorNamingTheKey() {
        config.put("api-b/enachain/require-dpop", "yes");
        assertThatThrownBy(() -> resolve(ApiB.class)).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("api-b/enachain/require-dpop must be true or false");
    }

    @Test
    void resolveWhenUnknownOverrideKeyThenError() {
        config.put("api-b/enachain/scopes", "x");
        assertThatThrownBy(() -> resolve(ApiB.class)).isInstanceOf(ChainedTokenException.class)
                .hasMessageContaining("api-b/enachain/scopes is not an enachain rest client key");
    }

    @Test
    void configKeysWhenRegisteredThenConfigKeyThenClassName() {
        assertThat(ChainTargets.configKeys(ApiB.class)).containsExactly("api-b", ApiB.class.getName());
        assertThat(ChainTargets.configKeys(Partner.class)).containsExactly(Partner.class.getName());
    }
}
