package org.enachain.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures everything enachain and jose4j log — enachain through {@code System.Logger}, jose4j through
 * SLF4J and slf4j-jdk14, both landing in java.util.logging — at every level, while open.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private static final String[] CAPTURED = {"org.enachain", "org.jose4j"};

    private final List<String> lines = new ArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();
    private final List<Logger> loggers = new ArrayList<>();
    private final List<Level> previousLevels = new ArrayList<>();

    public LogCapture() {
        setLevel(Level.ALL);
        for (String name : CAPTURED) {
            Logger logger = Logger.getLogger(name);
            loggers.add(logger);
            previousLevels.add(logger.getLevel());
            logger.setLevel(Level.ALL);
            logger.addHandler(this);
        }
    }

    @Override
    public synchronized void publish(LogRecord record) {
        lines.add(formatter.format(record));
    }

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    public synchronized String all() {
        return String.join("", lines);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        for (int i = 0; i < loggers.size(); i++) {
            loggers.get(i).removeHandler(this);
            loggers.get(i).setLevel(previousLevels.get(i));
        }
    }
}
