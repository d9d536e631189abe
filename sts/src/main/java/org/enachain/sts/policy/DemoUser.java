package org.enachain.sts.policy;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A user of the development login page. Development only: the password is compared as written in
 * the policy file.
 *
 * @param username      the login name
 * @param password      the login password
 * @param subject       the persistent subject identifier issued as {@code sub} (GEN-91)
 * @param claims        identity claims (for example {@code name}, {@code email}) released to
 *                      resources per their claim list
 * @param acr           the authentication context class of a login
 * @param entitlements  scopes the user is entitled to in non-owner mode (A-39, STS-41)
 */
public record DemoUser(String username, String password, String subject, Map<String, Object> claims, String acr,
                       Set<String> entitlements) {

    public static final List<String> AMR = List.of("pwd");

    public DemoUser {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(subject, "subject");
        claims = Map.copyOf(claims);
        Objects.requireNonNull(acr, "acr");
        entitlements = Set.copyOf(entitlements);
    }

    @Override
    public String toString() {
        return "user " + username;
    }
}
