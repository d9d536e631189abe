package org.enachain.liberty.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs after every other IT class (junit-platform.properties orders the classes by {@code @Order}) and scans
 * the whole run's logs — every file under the server's {@code logs} folder (messages.log, trace.log with
 * enachain's loggers at every level, FFDC), the test JVM's log ({@link RunLog}: java.util.logging and
 * stdout/stderr, which carries the Liberty console) and failsafe's output files of the classes before — for
 * the tokens, proofs, grants, assertions, passwords and private keys the run handled.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Order(Integer.MAX_VALUE)
class LogHygieneIT {

    /** A compact JWS whose header and payload are JSON objects: header and payload start with "eyJ" ({"). */
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.eyJ[A-Za-z0-9_-]{4,}");
    private static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "k");

    @Test
    @DisplayName("GEN-21, RS-22: the whole run's logs (Liberty's messages, trace and FFDC, the test JVM's log) contain no"
            + " token, proof, grant, client assertion, password or private key")
    void noSecretInAnyLog() {
        Map<String, String> logs = logs();
        assertThat(logs.get("server:messages.log")).as("the server's log of this run").contains("ENAS5001I");
        List<String> secrets = Secrets.all();
        assertThat(secrets).as("secrets the tests handled").hasSizeGreaterThan(50);
        List<String> keys = privateKeyMembers();
        assertThat(keys).as("private key members of the test and tenant keys").isNotEmpty();

        List<String> findings = new ArrayList<>();
        logs.forEach((name, text) -> {
            Matcher jwt = JWT.matcher(text);
            if (jwt.find()) {
                findings.add(name + ": a JWT at offset " + jwt.start() + ": " + around(text, jwt.start()));
            }
            for (String secret : secrets) {
                // A token's signature part alone would do as much harm as the whole token.
                String tail = secret.contains(".") ? secret.substring(secret.lastIndexOf('.') + 1) : secret;
                for (String needle : tail.length() >= 16 ? List.of(secret, tail) : List.of(secret)) {
                    int at = text.indexOf(needle);
                    if (at >= 0) {
                        findings.add(name + ": a secret the tests used, at offset " + at + ": " + around(text, at));
                    }
                }
            }
            for (String key : keys) {
                int at = text.indexOf(key);
                if (at >= 0) {
                    findings.add(name + ": private key material at offset " + at);
                }
            }
        });
        assertThat(findings).isEmpty();
    }

    /** Everything to scan, by name. */
    private static Map<String, String> logs() {
        Map<String, String> logs = new LinkedHashMap<>();
        readAll(ChainServer.logs(), "server:", logs);
        String reports = System.getProperty("chain.it.reports");
        if (reports != null && Files.isDirectory(Path.of(reports))) {
            readAll(Path.of(reports), "failsafe:", logs);
        }
        logs.put("test JVM", RunLog.text());
        return logs;
    }

    private static void readAll(Path folder, String prefix, Map<String, String> into) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                into.put(prefix + folder.relativize(file), new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder, e);
        }
    }

    /** The private members of every key file in the server: the test clients' and the STS tenants' own. */
    private static List<String> privateKeyMembers() {
        List<String> members = new ArrayList<>();
        for (Path folder : List.of(ChainServer.directory().resolve("it-keys"), ChainServer.directory().resolve("policies"))) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".jwks")).toList()) {
                    Object keys = JsonUtil.parseJson(Files.readString(file, StandardCharsets.UTF_8)).get("keys");
                    for (Object key : (List<?>) keys) {
                        for (Map.Entry<?, ?> member : ((Map<?, ?>) key).entrySet()) {
                            if (PRIVATE_MEMBERS.contains(member.getKey()) && member.getValue() instanceof String value) {
                                members.add(value);
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + folder, e);
            } catch (JoseException e) {
                throw new IllegalStateException("a key file in " + folder + " is not JSON", e);
            }
        }
        return members;
    }

    /** A little context for the report, cut so as not to print the whole secret again. */
    private static String around(String text, int at) {
        int from = Math.max(0, at - 60);
        return "…" + text.substring(from, Math.min(text.length(), at + 12)).replace('\n', ' ') + "…";
    }
}
