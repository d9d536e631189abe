package org.enachain.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the JDK for Keycloak is recognised (no Keycloak needed). */
class Jdk21DetectionIT {

    private static Path fakeJdk(Path dir, String name, String version) throws IOException {
        Path home = Files.createDirectories(dir.resolve(name));
        Files.createDirectories(home.resolve("bin"));
        Path java = Files.createFile(home.resolve("bin/java"));
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        return home;
    }

    @Test
    @DisplayName("A JDK 21 or newer is recognised from its release file; a JDK 17 is not")
    void recognisesJdk21AndNewer(@TempDir Path dir) throws IOException {
        assertThat(Jdk21.inspect(fakeJdk(dir, "jdk-17", "17.0.15"))).isEmpty();
        assertThat(Jdk21.inspect(fakeJdk(dir, "jdk-21", "21.0.8"))).get().extracting(Jdk21.Found::feature).isEqualTo(21);
        assertThat(Jdk21.inspect(fakeJdk(dir, "jdk-25", "25"))).get().extracting(Jdk21.Found::feature).isEqualTo(25);
        assertThat(Jdk21.inspect(dir.resolve("missing"))).isEmpty();
    }

    @Test
    @DisplayName("Without a JDK 21+, the message says what to install")
    void messageSaysWhatToInstall() {
        // The message Jdk21.require() fails the Keycloak tests with when no JDK 21+ is found.
        assertThat(Jdk21.missingMessage()).contains("Install a JDK 21 or newer").contains("JAVA_HOME");
    }
}
