package org.enachain.liberty.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The STS's audit trail in the server's {@code messages.log}: one {@code ENAS5001I issued {...}} line per token
 * it issues (tenant, grant, client, sub, aud, act, jti, exp — never the token). A test takes a {@link #mark()}
 * before it acts and reads what was issued after it.
 */
public final class StsAudit {

    private static final String ISSUED = "ENAS5001I issued ";

    private StsAudit() {
    }

    /** Where messages.log ends now. */
    public static long mark() {
        try {
            Path log = messages();
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tokens issued since {@code mark}, as their audit records. */
    public static List<Map<String, Object>> issuedSince(long mark) {
        List<Map<String, Object>> issued = new ArrayList<>();
        for (String line : linesSince(mark)) {
            int at = line.indexOf(ISSUED);
            if (at >= 0) {
                issued.add(TestClient.json(line.substring(at + ISSUED.length()).strip()));
            }
        }
        return issued;
    }

    /**
     * The audit records since {@code mark} that match {@code filter}, once there are at least {@code atLeast}
     * of them — waiting (for file changes, at most {@code timeout}) for Liberty to write them — or as many as
     * there are when the time is up.
     */
    public static List<Map<String, Object>> awaitIssued(long mark, Predicate<Map<String, Object>> filter, int atLeast,
                                                        Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            ChainServer.logs().register(watcher, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_CREATE);
            while (true) {
                List<Map<String, Object>> matching = issuedSince(mark).stream().filter(filter).toList();
                long remaining = deadline - System.nanoTime();
                if (matching.size() >= atLeast || remaining <= 0) {
                    return matching;
                }
                WatchKey key = watcher.poll(remaining, TimeUnit.NANOSECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> linesSince(long mark) {
        try {
            byte[] all = Files.readAllBytes(messages());
            if (mark > all.length) {
                throw new IllegalStateException("messages.log shrank (rolled over?) during the test");
            }
            String text = new String(all, (int) mark, all.length - (int) mark, StandardCharsets.UTF_8);
            return text.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path messages() {
        return ChainServer.logs().resolve("messages.log");
    }
}
