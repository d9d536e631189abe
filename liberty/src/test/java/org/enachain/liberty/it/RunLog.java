package org.enachain.liberty.it;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The test JVM's side of the run's log: everything logged through java.util.logging (enachain's
 * {@code System.Logger} and jose4j at every level, the rest — Arquillian, the JDK — at INFO and above) and
 * everything written to {@code System.out} and {@code System.err}, which includes the Liberty console that
 * Arquillian's managed container copies there. {@link LogHygieneIT} scans it with the server's logs.
 *
 * <p>A JUnit extension registered for every test class by autodetection
 * ({@code META-INF/services/org.junit.jupiter.api.extension.Extension}, enabled in
 * {@code junit-platform.properties}), so that it is installed before Arquillian starts the server.
 */
public final class RunLog implements BeforeAllCallback {

    private static final String[] EVERY_LEVEL = {"org.enachain", "org.jose4j"};
    private static final ByteArrayOutputStream CAPTURED = new ByteArrayOutputStream();
    private static boolean installed;

    @Override
    public void beforeAll(ExtensionContext context) {
        install();
    }

    static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        System.setOut(new PrintStream(new Tee(System.out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(System.err), true, StandardCharsets.UTF_8));
        for (String name : EVERY_LEVEL) {
            Logger.getLogger(name).setLevel(Level.ALL);
        }
        Handler handler = new Handler() {
            private final SimpleFormatter formatter = new SimpleFormatter();

            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.INFO.intValue() || isEnachainOrJose4j(record.getLoggerName())) {
                    byte[] line = formatter.format(record).getBytes(StandardCharsets.UTF_8);
                    synchronized (CAPTURED) {
                        CAPTURED.write(line, 0, line.length);
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        handler.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(handler);
    }

    private static boolean isEnachainOrJose4j(String logger) {
        return logger != null && (logger.startsWith("org.enachain") || logger.startsWith("org.jose4j"));
    }

    /** Everything captured so far. */
    static String text() {
        synchronized (CAPTURED) {
            return CAPTURED.toString(StandardCharsets.UTF_8);
        }
    }

    private static final class Tee extends OutputStream {
        private final OutputStream original;

        Tee(OutputStream original) {
            this.original = original;
        }

        @Override
        public void write(int b) {
            synchronized (CAPTURED) {
                CAPTURED.write(b);
            }
            try {
                original.write(b);
            } catch (java.io.IOException e) {
                // the original stream is failsafe's; nothing to do
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (CAPTURED) {
                CAPTURED.write(b, off, len);
            }
            try {
                original.write(b, off, len);
            } catch (java.io.IOException e) {
                // as above
            }
        }

        @Override
        public void flush() throws java.io.IOException {
            original.flush();
        }
    }
}
