package org.enachain.jakarta.inbound;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The scopes a JAX-RS resource class or method requires of the caller's access token (RS-16). The
 * scopes of the class and of the method both apply: the token must carry all of them. A missing one is
 * answered with 403 {@code insufficient_scope} and the required scopes in the challenge's {@code scope}
 * (RS-26 to RS-28).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiredScope {

    /** Scope values; each element may hold several space-separated values. */
    String[] value();
}
