package org.enachain.jakarta.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.Config;
import org.enachain.core.Printable;
import org.enachain.core.http.TransportSecurity;

/**
 * The one place configuration values are read and checked: typed getters that fail with a
 * {@link ConfigurationException} naming the key, what is wrong and the fix. Booleans are strict
 * ({@code true} or {@code false}, nothing else); durations carry their unit in the key name; lists are
 * comma-separated. A value that is absent or empty takes the default.
 *
 * <p>Reads from MicroProfile Config ({@link #of(Config)}) or, in tests, from a map.
 */
public final class ConfigReader {

    private final Function<String, Optional<String>> values;
    private final Supplier<Set<String>> nameSource;
    private volatile Set<String> names;

    private ConfigReader(Function<String, Optional<String>> values, Supplier<Set<String>> names) {
        this.values = values;
        this.nameSource = names;
    }

    /** Reads from MicroProfile Config. */
    public static ConfigReader of(Config config) {
        Objects.requireNonNull(config, "config");
        return new ConfigReader(key -> config.getOptionalValue(key, String.class), () -> {
            Set<String> names = new TreeSet<>();
            for (String name : config.getPropertyNames()) {
                names.add(name);
            }
            return Collections.unmodifiableSet(names);
        });
    }

    /** Reads from a map (tests, programmatic setups). */
    public static ConfigReader of(Map<String, String> map) {
        Map<String, String> copy = Map.copyOf(map);
        Set<String> names = Collections.unmodifiableSet(new TreeSet<>(copy.keySet()));
        return new ConfigReader(key -> Optional.ofNullable(copy.get(key)), () -> names);
    }

    /** Every property name the configuration knows (sorted). */
    public Set<String> names() {
        Set<String> n = names;
        if (n == null) {
            n = nameSource.get();
            names = n;
        }
        return n;
    }

    /** The trimmed value, empty when absent or blank. */
    public Optional<String> string(String key) {
        return values.apply(key).map(String::strip).filter(v -> !v.isEmpty());
    }

    /** The value; absent → an error naming the key and saying why it is needed. */
    public String required(String key, String why) {
        return string(key).orElseThrow(() -> new ConfigurationException(key, key + " is required " + why + "; set it"));
    }

    /** {@code true} or {@code false} exactly; anything else is an error. */
    public boolean bool(String key, boolean defaultValue) {
        Optional<String> v = string(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        return switch (v.get()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigurationException(key, key + " must be true or false, but is '" + shown(v.get())
                    + "'; write true or false (no other spelling is accepted)");
        };
    }

    /** A whole number in [min, max]. */
    public long number(String key, long defaultValue, long min, long max) {
        Optional<String> v = string(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        long n;
        try {
            n = Long.parseLong(v.get());
        } catch (NumberFormatException e) {
            throw new ConfigurationException(key, key + " must be a whole number between " + min + " and " + max
                    + ", but is '" + shown(v.get()) + "'");
        }
        if (n < min || n > max) {
            throw new ConfigurationException(key, key + " must be between " + min + " and " + max + ", but is " + n);
        }
        return n;
    }

    /** An int in [min, max]. */
    public int integer(String key, int defaultValue, int min, int max) {
        return (int) number(key, defaultValue, min, max);
    }

    /** A duration in milliseconds (the key's name ends in {@code -ms}). */
    public Duration millis(String key, long defaultMillis, long min, long max) {
        return Duration.ofMillis(number(key, defaultMillis, min, max));
    }

    /** A duration in seconds (the key's name ends in {@code -seconds}). */
    public Duration seconds(String key, long defaultSeconds, long min, long max) {
        return Duration.ofSeconds(number(key, defaultSeconds, min, max));
    }

    /** A comma-separated list, each element trimmed; an empty element (",,") is an error. */
    public List<String> list(String key) {
        Optional<String> v = string(key);
        if (v.isEmpty()) {
            return List.of();
        }
        List<String> items = new ArrayList<>();
        for (String part : v.get().split(",", -1)) {
            String item = part.strip();
            if (item.isEmpty()) {
                throw new ConfigurationException(key, key + " is a comma-separated list with an empty element: '"
                        + shown(v.get()) + "'; remove the extra comma");
            }
            items.add(item);
        }
        return List.copyOf(items);
    }

    /** One of {@code choices} (exact spelling). */
    public <E> E choice(String key, E defaultValue, Map<String, E> choices) {
        Optional<String> v = string(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        E e = choices.get(v.get());
        if (e == null) {
            throw new ConfigurationException(key, key + " must be one of " + new TreeSet<>(choices.keySet())
                    + ", but is '" + shown(v.get()) + "'");
        }
        return e;
    }

    /** An absolute URL with a host and no fragment that {@code security} allows (https; http on loopback only under the development switch). */
    public Optional<URI> url(String key, TransportSecurity security) {
        return string(key).map(v -> checkedUrl(key, v, security));
    }

    /** Checks one URL value of {@code key} (also an element of a list). */
    public static URI checkedUrl(String key, String value, TransportSecurity security) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new ConfigurationException(key, key + " must be an https URL, but '" + shown(value)
                    + "' is not a URL: " + e.getReason());
        }
        try {
            return security.check(uri, key);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(key, e.getMessage());
        }
    }

    /** A readable regular file. */
    public Optional<Path> file(String key) {
        return string(key).map(v -> checkedFile(key, v));
    }

    static Path checkedFile(String key, String value) {
        Path path;
        try {
            path = Path.of(value);
        } catch (InvalidPathException e) {
            throw new ConfigurationException(key, key + " must be a file path, but '" + shown(value) + "' is not one");
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new ConfigurationException(key, key + " names " + path.toAbsolutePath() + ", which is not a readable"
                    + " file; give the path of an existing file (relative paths start at the server's working"
                    + " directory)");
        }
        return path;
    }

    /** A value fit for an error message: printable ASCII, bounded. */
    static String shown(String value) {
        return Printable.ascii(value, 100);
    }
}
