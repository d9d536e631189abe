package org.enachain.liberty.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HarnessProbeIT {

    @Test
    void aliceLogsInWithDpop() {
        TestClient.Caller alice = TestClient.get().alice();
        assertThat(TestClient.claimsOf(alice.accessToken())).containsEntry("cnf",
                java.util.Map.of("jkt", alice.proofs().thumbprint().value()));
    }
}
