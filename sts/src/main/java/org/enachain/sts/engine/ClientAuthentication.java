package org.enachain.sts.engine;

import java.util.Map;
import java.util.Optional;

import org.enachain.core.OAuthError;
import org.enachain.core.ValidationResult;
import org.enachain.core.token.ClientAssertion;
import org.enachain.core.token.ClientAssertionValidator;
import org.enachain.sts.policy.ClientPolicy;

/**
 * {@code private_key_jwt} client authentication (Profile 8.3, 8.3.1; RFC 7523 2.2), the only method
 * offered: any other method, or none, is {@code invalid_client} (GEN-62 to GEN-73).
 */
final class ClientAuthentication {

    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private final ClientAssertionValidator assertions;
    private final Map<String, ClientPolicy> clients;

    ClientAuthentication(ClientAssertionValidator assertions, Map<String, ClientPolicy> clients) {
        this.assertions = assertions;
        this.clients = clients;
    }

    ClientPolicy authenticate(FormParameters form, Optional<String> authorization) throws RequestRejected {
        if (authorization.isPresent()) {
            throw RequestRejected.invalidClient("Client authentication by the Authorization header is not supported;"
                    + " use private_key_jwt");
        }
        if (form.has("client_secret")) {
            throw RequestRejected.invalidClient("Client secrets are not supported; use private_key_jwt");
        }
        String clientId = form.required("client_id");
        Optional<String> type = form.optional("client_assertion_type");
        Optional<String> assertion = form.optional("client_assertion");
        if (type.isEmpty() || assertion.isEmpty()) {
            throw RequestRejected.invalidClient("The client must authenticate with private_key_jwt (client_assertion"
                    + " and client_assertion_type)");
        }
        if (!ASSERTION_TYPE.equals(type.get())) {
            throw RequestRejected.invalidClient("The client_assertion_type must be " + ASSERTION_TYPE);
        }
        ValidationResult<ClientAssertion> result = assertions.validate(assertion.get(), clientId);
        if (!result.isAccepted()) {
            throw RequestRejected.from(result.rejection(), OAuthError.INVALID_CLIENT);
        }
        ClientPolicy client = clients.get(result.value().clientId());
        if (client == null) {
            throw RequestRejected.invalidClient("The client is not registered");
        }
        return client;
    }
}
