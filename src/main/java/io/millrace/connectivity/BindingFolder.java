package io.millrace.connectivity;

import io.millrace.catalog.EventJson;
import io.millrace.web.FieldError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Bindings kept as files: {@code <name>.json} holds exactly the body of
 * {@code PUT /api/v1/bindings/{name}}. This is how a plant edge agent, which has no admin API, takes
 * the same bindings as the hub. Every pass stores a file whose binding changed as the binding's next
 * version, checked whole as the API checks it (against the catalog in use); a file with errors is
 * left out with every error logged, and the version before it stays live. A binding whose file was
 * removed is deleted.
 */
final class BindingFolder {

    private static final Logger log = LoggerFactory.getLogger(BindingFolder.class);
    static final String ACTOR = "binding-folder";

    private final Path folder;
    private final Bindings store;
    private final LiveBindings live;
    private final BindingReader reader;
    private final Clock clock;
    /** The content last refused per file, so that a bad file is logged once and not every pass. */
    private final Map<String, String> refused = new HashMap<>();

    BindingFolder(Path folder, Bindings store, LiveBindings live, BindingReader reader, Clock clock) {
        this.folder = folder;
        this.store = store;
        this.live = live;
        this.reader = reader;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${millrace.bindings.poll-interval-ms:2000}")
    void poll() {
        try {
            sync();
        } catch (RuntimeException ex) {
            log.warn("binding folder {} not read: {}", folder, ex.toString());
        }
    }

    /** One pass over the folder; answers whether any binding changed. */
    synchronized boolean sync() {
        live.refresh();
        Map<String, Binding> current = new HashMap<>();
        live.all().forEach(b -> current.put(b.name(), b));
        Set<String> present = new HashSet<>();
        boolean changed = false;
        for (Path file : files()) {
            String name = file.getFileName().toString().replaceFirst("\\.json$", "");
            String text = read(file);
            present.add(name);
            List<FieldError> errors = new ArrayList<>();
            BindingReader.Read read = null;
            if (!BindingReader.NAME.matcher(name).matches()) {
                errors.add(FieldError.at("", "the binding name '" + name + "' (the file name) must be 1-64 characters "
                        + "of letters, digits and ._-"));
            } else {
                JsonNode body = parse(text, errors);
                read = body == null ? null : reader.read(body, errors);
            }
            if (!errors.isEmpty()) {
                if (!text.equals(refused.put(name, text))) {
                    log.warn("binding file {} is left out ({}): {}", file, current.containsKey(name)
                            ? "version " + current.get(name).version() + " stays live" : "no binding of that name",
                            errors.stream().map(e -> (e.pointer().isEmpty() ? "" : e.pointer() + ": ") + e.message())
                                    .collect(Collectors.joining("; ")));
                }
                continue;
            }
            refused.remove(name);
            Binding known = current.get(name);
            if (known != null && known.definition().equals(read.definition())) {
                continue;
            }
            int version = store.save(name, read.definition(), clock.instant(), ACTOR);
            log.info("binding {} version {} taken from {}", name, version, file);
            changed = true;
        }
        for (String name : current.keySet()) {
            if (!present.contains(name) && store.delete(name, clock.instant(), ACTOR)) {
                log.info("binding {} deleted: its file is gone from {}", name, folder);
                changed = true;
            }
        }
        refused.keySet().retainAll(present);
        if (changed) {
            live.refresh();
        }
        return changed;
    }

    private List<Path> files() {
        List<Path> files = new ArrayList<>();
        try {
            Files.createDirectories(folder);
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*.json")) {
                for (Path p : stream) {
                    if (Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".")) {
                        files.add(p);
                    }
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read the binding folder " + folder, ex);
        }
        files.sort(null);
        return files;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read " + file, ex);
        }
    }

    private static JsonNode parse(String text, List<FieldError> errors) {
        try {
            return EventJson.mapper().readTree(text);
        } catch (JacksonException ex) {
            errors.add(FieldError.at("", "not valid JSON: " + ex.getOriginalMessage()));
            return null;
        }
    }
}
