package io.millrace.connectivity.file;

import io.millrace.catalog.EventJson;
import io.millrace.connectivity.Binding;
import io.millrace.connectivity.BindingDefinition;
import io.millrace.connectivity.BindingIntake;
import io.millrace.connectivity.LiveBindings;
import io.millrace.connectivity.MessageMapper;
import io.millrace.connectivity.RawDigest;
import io.millrace.eventlog.Receipt;
import io.millrace.web.ApiProblem;
import io.millrace.web.FieldError;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.node.ObjectNode;

/**
 * Watches {@code <inbox>/<binding topic>/} of every file binding. A file (not a {@code .part} or
 * hidden one) is read whole, mapped row by row or as one document, and accepted as one batch: all
 * its events or none. Then it moves to {@code processed/}, or to {@code rejected/} with
 * {@code <file>.problem.json} listing every error with its row. A file whose digest was accepted
 * before is a duplicate and moves to {@code processed/} untouched. When the hub itself fails
 * (database down) the file stays and is tried again; a crash between accepting and moving makes the
 * next try a duplicate.
 */
public final class FileInbox {

    private static final Logger log = LoggerFactory.getLogger(FileInbox.class);

    private final Path inbox;
    private final LiveBindings bindings;
    private final BindingIntake intake;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong rejectedFiles = new AtomicLong();

    public FileInbox(Path inbox, LiveBindings bindings, BindingIntake intake, JdbcTemplate jdbc, Clock clock) {
        this.inbox = inbox;
        this.bindings = bindings;
        this.intake = intake;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Events accepted from files since start (for the bench). */
    public long acceptedEvents() {
        return rows.get();
    }

    private volatile long lastPollNanos = System.nanoTime();

    /** How long ago the last look into the inbox began (the channel's health: a stalled poller stops looking). */
    public java.time.Duration sinceLastPoll() {
        return java.time.Duration.ofNanos(System.nanoTime() - lastPollNanos);
    }

    /** Files rejected since start (for the bench, which stops at the first instead of waiting for rows). */
    public long rejectedFiles() {
        return rejectedFiles.get();
    }

    /** One pass over every file binding's folder. */
    public synchronized void poll() {
        lastPollNanos = System.nanoTime();
        for (Binding binding : bindings.onChannel(BindingDefinition.Channel.FILE)) {
            Path folder = inbox.resolve(binding.definition().topic());
            try {
                Files.createDirectories(folder);
                for (Path file : files(folder)) {
                    take(binding, file);
                }
            } catch (IOException | RuntimeException ex) {
                log.warn("inbox {}: {}; tried again on the next pass", folder, ex.toString());
            }
        }
    }

    private static List<Path> files(Path folder) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            for (Path p : stream) {
                String name = p.getFileName().toString();
                if (Files.isRegularFile(p) && !name.endsWith(".part") && !name.startsWith(".")) {
                    files.add(p);
                }
            }
        }
        files.sort(null);
        return files;
    }

    private void take(Binding binding, Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String digest = RawDigest.sha256Hex(bytes);
        String name = file.getFileName().toString();
        Integer before = jdbc.query("SELECT events FROM inbox_file WHERE binding = ? AND digest = ?",
                rs -> rs.next() ? rs.getInt(1) : null, binding.name(), digest);
        if (before != null) {
            log.info("inbox {}: {} was accepted before ({} events); a duplicate", binding.name(), name, before);
            move(file, "processed");
            return;
        }
        List<Receipt> receipts;
        try {
            receipts = intake.accept(binding, new MessageMapper.Received("file", null, name, clock.instant(), bytes),
                    BindingIntake.callerOf(binding));
        } catch (ApiProblem problem) {
            Path target = target(file, "rejected");
            Files.write(target.resolveSibling(target.getFileName() + ".problem.json"), problem(problem, name, digest));
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
            rejectedFiles.incrementAndGet();
            log.info("inbox {}: {} rejected: {}", binding.name(), name, problem.getMessage());
            return;
        }
        jdbc.update("INSERT INTO inbox_file (binding, digest, file_name, events, processed_at) "
                + "SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM inbox_file WHERE binding = ? AND digest = ?)",
                binding.name(), digest, name, receipts.size(), Timestamp.from(clock.instant()), binding.name(), digest);
        rows.addAndGet(receipts.size());
        move(file, "processed");
        log.info("inbox {}: {} accepted, {} events", binding.name(), name, receipts.size());
    }

    private static Path move(Path file, String to) throws IOException {
        return Files.move(file, target(file, to), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Where a file goes in {@code to}: its own name, numbered when a file of that name is there already. */
    private static Path target(Path file, String to) throws IOException {
        Path folder = file.resolveSibling(to);
        Files.createDirectories(folder);
        Path target = folder.resolve(file.getFileName());
        for (int n = 1; Files.exists(target); n++) {
            target = folder.resolve(file.getFileName() + "." + n);
        }
        return target;
    }

    private static byte[] problem(ApiProblem problem, String file, String digest) {
        ObjectNode body = EventJson.mapper().createObjectNode();
        body.put("type", problem.typeUri().toString());
        body.put("title", problem.title());
        body.put("status", problem.status().value());
        body.put("detail", problem.getMessage());
        body.put("file", file);
        body.put("digest", digest);
        var errors = body.putArray("errors");
        for (FieldError e : problem.errors()) {
            ObjectNode error = errors.addObject();
            Integer row = rowOf(e.message());
            if (row == null) {
                error.putNull("row");
            } else {
                error.put("row", row);
            }
            if (e.index() == null) {
                error.putNull("index");
            } else {
                error.put("index", e.index());
            }
            error.put("pointer", e.pointer());
            error.put("message", e.message());
        }
        for (Map.Entry<String, Object> p : problem.properties().entrySet()) {
            body.set(p.getKey(), EventJson.mapper().valueToTree(p.getValue()));
        }
        return EventJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
    }

    private static Integer rowOf(String message) {
        if (!message.startsWith("row ")) {
            return null;
        }
        try {
            return Integer.parseInt(message.substring(4, message.indexOf(':')));
        } catch (RuntimeException ex) {
            return null;
        }
    }
}
