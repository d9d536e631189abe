package org.enachain.jakarta.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.annotation.security.PermitAll;
import java.lang.reflect.Method;
import org.enachain.core.resource.RequiredScopes;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** @RequiredScope and @PermitAll, resolved once per resource method. */
class RequestRuleTest {

    @RequiredScope("orders-read")
    static class Orders {
        public void list() {
        }

        @RequiredScope({"orders-write", "audit"})
        public void create() {
        }

        @RequiredScope("orders-read profile")
        public void spaced() {
        }

        @PermitAll
        public void health() {
        }
    }

    static class Plain {
        public void get() {
        }

        @RequiredScope("a")
        public void scoped() {
        }
    }

    @PermitAll
    static class Open {
        public void get() {
        }

        @RequiredScope("admin")
        public void admin() {
        }
    }

    static class SubOrders extends Orders {
    }

    static class Broken {
        @RequiredScope("a\"b")
        public void bad() {
        }
    }

    private static Method method(Class<?> type, String name) throws NoSuchMethodException {
        return type.getMethod(name);
    }

    @Test
    @DisplayName("RS-16: the class's scopes apply to its methods")
    void ofWhenClassAnnotatedThenClassScopes() throws Exception {
        assertThat(RequestRule.of(Orders.class, method(Orders.class, "list")))
                .isEqualTo(new RequestRule(false, RequiredScopes.allOf("orders-read")));
    }

    @Test
    @DisplayName("RS-16: class and method scopes both apply")
    void ofWhenClassAndMethodAnnotatedThenBoth() throws Exception {
        assertThat(RequestRule.of(Orders.class, method(Orders.class, "create")).scopes().scopes())
                .containsExactly("orders-read", "orders-write", "audit");
        assertThat(RequestRule.of(Orders.class, method(Orders.class, "spaced")).scopes().scopes())
                .containsExactly("orders-read", "profile");
    }

    @Test
    void ofWhenNoAnnotationThenTokenRequiredWithoutScope() throws Exception {
        assertThat(RequestRule.of(Plain.class, method(Plain.class, "get"))).isEqualTo(RequestRule.TOKEN_REQUIRED);
        assertThat(RequestRule.of(Plain.class, method(Plain.class, "scoped")).scopes().scopes()).containsExactly("a");
    }

    @Test
    void ofWhenMethodPermitAllThenNoCheck() throws Exception {
        assertThat(RequestRule.of(Orders.class, method(Orders.class, "health")).permitAll()).isTrue();
    }

    @Test
    void ofWhenClassPermitAllThenNoCheckUnlessMethodRequiresScope() throws Exception {
        assertThat(RequestRule.of(Open.class, method(Open.class, "get")).permitAll()).isTrue();
        RequestRule admin = RequestRule.of(Open.class, method(Open.class, "admin"));
        assertThat(admin.permitAll()).isFalse();
        assertThat(admin.scopes().scopes()).containsExactly("admin");
    }

    @Test
    void ofWhenInheritedMethodThenScopesOfTheDeclaringClassApply() throws Exception {
        assertThat(RequestRule.of(SubOrders.class, method(SubOrders.class, "list")).scopes().scopes())
                .containsExactly("orders-read");
    }

    @Test
    void ofWhenScopeNotAScopeTokenThenErrorNamingTheMethod() {
        assertThatThrownBy(() -> RequestRule.of(Broken.class, method(Broken.class, "bad")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("@RequiredScope on " + Broken.class.getName() + ".bad: ");
    }
}
