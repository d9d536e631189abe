package org.enachain.liberty.feature;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The two Liberty services of the feature's bundle name what enachain-jakarta has: a bean class or a services file
 * added to enachain-jakarta and forgotten here would fail silently on Liberty (FeatureIT proves the services
 * work; these tests keep their lists complete).
 */
class CdiBeansTest {

    private static final List<Class<? extends Annotation>> BEAN_DEFINING = List.of(ApplicationScoped.class,
            RequestScoped.class, SessionScoped.class, Dependent.class, Singleton.class, Interceptor.class);

    /** The bundle's content as bnd-maven-plugin wrote it (process-classes) into target/bundle. */
    private static <T> T withBundle(IoFunction<Path, T> action) throws IOException {
        Path bundle = Path.of("target", "bundle");
        assertThat(bundle.resolve("META-INF/MANIFEST.MF")).as("bnd-maven-plugin's output").isRegularFile();
        return action.apply(bundle);
    }

    interface IoFunction<A, B> {
        B apply(A a) throws IOException;
    }

    @Test
    @DisplayName("getBeanClasses() lists exactly the bundle's classes with a bean-defining annotation")
    void beanClassesComplete() throws Exception {
        Set<String> classes = withBundle(root -> {
            try (Stream<Path> files = Files.walk(root)) {
                return files.map(root::relativize).map(Path::toString).filter(name -> name.endsWith(".class"))
                        .filter(name -> !name.contains("$") && !name.endsWith("module-info.class")
                                && !name.endsWith("package-info.class"))
                        .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                        .collect(Collectors.toCollection(TreeSet::new));
            }
        });
        Set<String> beans = new TreeSet<>();
        for (String name : classes) {
            Class<?> type = Class.forName(name, false, getClass().getClassLoader());
            if (BEAN_DEFINING.stream().anyMatch(type::isAnnotationPresent)) {
                beans.add(name);
            }
        }

        assertThat(beans).as("scanned %s classes", classes.size()).isNotEmpty();
        assertThat(new CdiBeans().getBeanClasses().stream().map(Class::getName).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(beans);
    }

    @Test
    @DisplayName("The ResourceProvider component lists exactly the bundle's META-INF/services files but SLF4J's own, which"
            + " SLF4J reads through the bundle's class loader")
    void serviceFilesComplete() throws Exception {
        Set<String> files = withBundle(root -> {
            Path services = root.resolve("META-INF/services");
            try (Stream<Path> list = Files.list(services)) {
                return list.map(file -> file.getFileName().toString()).filter(name -> !name.startsWith("org.slf4j."))
                        .map(name -> "META-INF/services/" + name).collect(Collectors.toCollection(TreeSet::new));
            }
        });
        String component;
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("OSGI-INF/org.enachain.liberty.feature.ServiceFiles.xml")) {
            component = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher property = Pattern.compile("<property name=\"resources\" type=\"String\">([^<]*)</property>").matcher(component);
        assertThat(property.find()).as(component).isTrue();

        assertThat(property.group(1).lines().map(String::strip).filter(line -> !line.isEmpty()).toList())
                .containsExactlyInAnyOrderElementsOf(files);
    }
}
