package org.enachain.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the JDK Keycloak runs on: Keycloak 26 needs Java 21 or newer, while enachain builds and tests on
 * JDK 17. JAVA_HOME when it is 21+, else the test JVM when it is, else the newest JDK 21+ under
 * {@code /usr/lib/jvm}; nothing is hard-coded.
 */
final class Jdk21 {

    static final int MINIMUM = 21;
    private static final Pattern VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)(?:[.\"+-].*)?$", Pattern.MULTILINE);

    private Jdk21() {
    }

    /** A JDK home with {@code bin/java} of feature version ≥ 21. */
    record Found(Path home, int feature) {
        Path java() {
            return home.resolve("bin").resolve("java");
        }
    }

    /** @throws IllegalStateException saying what to install when there is none */
    static Found require() {
        return find().orElseThrow(() -> new IllegalStateException(missingMessage()));
    }

    static String missingMessage() {
        return "Keycloak " + System.getProperty("keycloak.version", "26") + " needs a JDK " + MINIMUM
                        + " or newer, and none was found (JAVA_HOME=" + System.getenv("JAVA_HOME")
                        + ", test JVM " + Runtime.version().feature() + ", nothing suitable under /usr/lib/jvm)."
                        + " Install a JDK 21 or newer (for instance Temurin 21 or 25, or the openjdk-21-jdk package)"
                        + " or point JAVA_HOME at one; enachain itself still builds with JDK 17.";
    }

    static Optional<Found> find() {
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null && !javaHome.isBlank()) {
            Optional<Found> fromEnv = inspect(Path.of(javaHome));
            if (fromEnv.isPresent()) {
                return fromEnv;
            }
        }
        Optional<Found> self = inspect(Path.of(System.getProperty("java.home")));
        if (self.isPresent()) {
            return self;
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.map(Jdk21::inspect).flatMap(Optional::stream)
                    .max(Comparator.comparingInt(Found::feature));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A JDK home of version ≥ 21 according to its {@code release} file, with an executable {@code bin/java}. */
    static Optional<Found> inspect(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin").resolve("java"))) {
            return Optional.empty();
        }
        try {
            Matcher m = VERSION.matcher(Files.readString(release));
            if (!m.find()) {
                return Optional.empty();
            }
            int feature = Integer.parseInt(m.group(1));
            return feature >= MINIMUM ? Optional.of(new Found(home.toRealPath(), feature)) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
