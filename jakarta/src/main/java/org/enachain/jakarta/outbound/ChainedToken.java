package org.enachain.jakarta.outbound;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Calls through this MicroProfile Rest Client interface (or this one method) carry a token for the
 * target obtained by token exchange from the caller's token (Ena chaining profile, Chaining 2 and 3),
 * with {@code Authorization: DPoP} and a fresh DPoP proof when the token is DPoP-bound, else
 * {@code Authorization: Bearer}.
 *
 * <pre>{@code
 * @RegisterRestClient(configKey = "api-b")
 * @ChainedToken(audience = "https://api-b.example.com", scope = "orders-read")
 * public interface ApiB {
 *     @GET @Path("/orders/{id}") Order order(@PathParam("id") String id);
 * }
 * }</pre>
 *
 * <p>Exactly one of {@link #audience()} and {@link #resource()} names the target; with
 * {@link #targetIssuer()} (a resource in another trust domain) it is {@link #resource()}. A method's
 * annotation wins over the interface's. Every attribute can be overridden from MicroProfile Config
 * under the client's {@code configKey}: {@code <configKey>/enachain/audience}, {@code .../resource},
 * {@code .../scope} (space-separated), {@code .../target-issuer}, {@code .../require-dpop}. The
 * combination is checked once, when the client is built: a bad one fails the deployment.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ChainedToken {

    /** The target resource's identifier, sent as the exchange's {@code audience} (CL-25). */
    String audience() default "";

    /** The target resource as an RFC 8707 {@code resource} (CL-23); the target-domain resource with {@link #targetIssuer()}. */
    String resource() default "";

    /** The scopes to ask for; each element may hold several space-separated values. */
    String[] scope() default {};

    /** The issuer of the target domain's authorization server, for a cross-domain chain (Chaining 3). */
    String targetIssuer() default "";

    /** The target requires DPoP: token requests carry a proof and an unbound token is refused (CL-72). */
    boolean requireDpop() default false;
}
