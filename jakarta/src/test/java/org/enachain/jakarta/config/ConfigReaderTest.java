package org.enachain.jakarta.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.enachain.core.http.TransportSecurity;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigReaderTest {

    private static ConfigReader reader(String key, String value) {
        return ConfigReader.of(Map.of(key, value));
    }

    @Test
    void boolWhenAbsentOrBlankThenDefault() {
        assertThat(ConfigReader.of(Map.of()).bool("k", true)).isTrue();
        assertThat(reader("k", "  ").bool("k", false)).isFalse();
    }

    @Test
    void boolWhenTrueOrFalseThenParsed() {
        assertThat(reader("k", "true").bool("k", false)).isTrue();
        assertThat(reader("k", " false ").bool("k", true)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TRUE", "True", "yes", "1", "on", "false!", "t"})
    @DisplayName("Booleans are strict: only true and false")
    void boolWhenAnyOtherSpellingThenErrorNamingTheKey(String value) {
        assertThatThrownBy(() -> reader("enachain.x", value).bool("enachain.x", false))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("enachain.x must be true or false, but is '" + value.strip() + "'")
                .extracting(e -> ((ConfigurationException) e).key()).isEqualTo("enachain.x");
    }

    @Test
    void numberWhenOutOfRangeOrNotANumberThenError() {
        assertThat(reader("n", "42").number("n", 1, 0, 100)).isEqualTo(42);
        assertThatThrownBy(() -> reader("n", "101").number("n", 1, 0, 100))
                .hasMessage("n must be between 0 and 100, but is 101");
        assertThatThrownBy(() -> reader("n", "12s").number("n", 1, 0, 100))
                .hasMessage("n must be a whole number between 0 and 100, but is '12s'");
    }

    @Test
    void millisAndSecondsCarryTheUnitOfTheKey() {
        assertThat(reader("a-ms", "1500").millis("a-ms", 1, 1, 10_000)).isEqualTo(Duration.ofMillis(1500));
        assertThat(reader("a-seconds", "7").seconds("a-seconds", 1, 0, 10)).isEqualTo(Duration.ofSeconds(7));
        assertThat(ConfigReader.of(Map.of()).seconds("a-seconds", 3, 0, 10)).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void listWhenCommaSeparatedThenTrimmedElements() {
        assertThat(reader("l", " a, b ,c").list("l")).containsExactly("a", "b", "c");
        assertThat(ConfigReader.of(Map.of()).list("l")).isEmpty();
        assertThatThrownBy(() -> reader("l", "a,,b").list("l")).hasMessageContaining("l is a comma-separated list with"
                + " an empty element");
    }

    @Test
    void choiceWhenUnknownThenErrorListingTheChoices() {
        Map<String, Integer> choices = Map.of("one", 1, "two", 2);
        assertThat(reader("c", "two").choice("c", 0, choices)).isEqualTo(2);
        assertThatThrownBy(() -> reader("c", "Two").choice("c", 0, choices))
                .hasMessage("c must be one of [one, two], but is 'Two'");
    }

    @Test
    @DisplayName("GEN-01: configured URLs are https; plain http only to loopback under the development switch")
    void urlWhenPlainHttpThenRefusedUnlessLoopbackAndSwitchOn() {
        assertThat(reader("u", "https://as.example.com/x").url("u", TransportSecurity.requireTls())).isPresent();
        assertThatThrownBy(() -> reader("u", "http://as.example.com").url("u", TransportSecurity.requireTls()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("u uses plain http");
        assertThatThrownBy(() -> reader("u", "http://127.0.0.1:8080").url("u", TransportSecurity.requireTls()))
                .isInstanceOf(ConfigurationException.class);
        assertThat(reader("u", "http://127.0.0.1:8080").url("u", TransportSecurity.allowPlainHttpOnLoopback()))
                .isPresent();
        assertThatThrownBy(() -> reader("u", "http://as.example.com").url("u", TransportSecurity.allowPlainHttpOnLoopback()))
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> reader("u", "https://a b").url("u", TransportSecurity.requireTls()))
                .hasMessageStartingWith("u must be an https URL, but 'https://a b' is not a URL");
        assertThatThrownBy(() -> reader("u", "as.example.com").url("u", TransportSecurity.requireTls()))
                .hasMessageContaining("must be an absolute https URL");
    }

    @Test
    void fileWhenMissingThenErrorNamingKeyAndPath(@TempDir Path dir) throws Exception {
        Path present = Files.writeString(dir.resolve("k.pem"), "x");
        assertThat(reader("f", present.toString()).file("f")).contains(present);
        assertThatThrownBy(() -> reader("f", dir.resolve("nope.pem").toString()).file("f"))
                .hasMessageStartingWith("f names " + dir.resolve("nope.pem").toAbsolutePath() + ", which is not a readable file");
        assertThatThrownBy(() -> reader("f", dir.toString()).file("f")).hasMessageContaining("not a readable file");
    }

    @Test
    void namesListEveryKey() {
        assertThat(ConfigReader.of(Map.of("b", "1", "a", "2")).names()).containsExactly("a", "b");
        assertThat(List.copyOf(ConfigReader.of(Map.of()).names())).isEmpty();
    }
}
