package org.enachain.jakarta.outbound;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChainedTokenListenerTest {

    interface Plain {
        String get();
    }

    @ChainedToken(audience = "https://api-b.example.com")
    interface Chained {
        String get();
    }

    @Test
    void onNewClientWhenInterfaceNotAnnotatedThenNothingRegistered() {
        // A null builder would fail on any registration: nothing is touched for interfaces without @ChainedToken.
        assertThatCode(() -> new ChainedTokenListener().onNewClient(Plain.class, null)).doesNotThrowAnyException();
    }

    @Test
    void onNewClientWhenNoCdiThenConfigurationErrorNamingTheInterface() {
        assertThatThrownBy(() -> new ChainedTokenListener().onNewClient(Chained.class, null))
                .isInstanceOf(ChainedTokenException.class)
                .hasMessageStartingWith("Rest client " + Chained.class.getName() + ": @ChainedToken needs CDI");
    }
}
