package io.millrace.connectivity;

import io.millrace.access.Caller;
import io.millrace.access.Role;
import io.millrace.access.Scope;
import io.millrace.catalog.ActiveCatalog;
import io.millrace.eventlog.Receipt;
import io.millrace.intake.EventIntake;
import io.millrace.web.ApiProblem;
import io.millrace.web.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.http.HttpStatus;

/**
 * The one entry point of every channel for a plant's own messages: maps a message by its binding
 * and hands the events, with their origins, to {@link EventIntake}, the same intake as
 * {@code POST /api/v1/events}. A message is accepted whole or refused whole with a problem listing
 * every error (with its row for CSV).
 */
public final class BindingIntake {

    private final MessageMapper mapper;
    private final EventIntake intake;
    private final ActiveCatalog catalog;

    public BindingIntake(MessageMapper mapper, EventIntake intake, ActiveCatalog catalog) {
        this.mapper = mapper;
        this.intake = intake;
        this.catalog = catalog;
    }

    /** The producer identity of a binding's own channel (MQTT, files): exactly the binding's scope. */
    public static Caller callerOf(Binding binding) {
        BindingDefinition d = binding.definition();
        return new Caller(binding.producerKeyId(), binding.name(), Role.PRODUCER,
                new Scope(Set.of(d.source()), Set.copyOf(d.plants()), Set.copyOf(d.eventTypes())), null);
    }

    /**
     * Maps and accepts a message. {@code caller} is whoever sent it: the binding itself for MQTT
     * and files, the producer key for HTTP (whose own scope intake checks as always).
     *
     * @throws ApiProblem when the message is refused; nothing is accepted then
     */
    public List<Receipt> accept(Binding binding, MessageMapper.Received received, Caller caller) {
        MappedMessage mapped = mapper.map(binding, binding.mapping(), received);
        if (!mapped.clean()) {
            throw refusal(binding, mapped, mapped.errors());
        }
        if (mapped.events().isEmpty()) {
            return List.of();
        }
        try {
            return intake.accept(mapped.events(), true, caller, List.of(), mapped.origins());
        } catch (ApiProblem problem) {
            throw withRows(binding, mapped, problem);
        }
    }

    /** A dry run: the events the message would make and every error, mapping, catalog and scope; stores nothing. */
    public Preview preview(Binding binding, Mapping mapping, MessageMapper.Received received) {
        MappedMessage mapped = mapper.map(binding, mapping, received);
        List<FieldError> errors = new ArrayList<>(mapped.errors());
        Set<Integer> failed = new TreeSet<>();
        mapped.errors().forEach(e -> failed.add(e.index() == null ? -1 : e.index()));
        for (int i = 0; i < mapped.events().size(); i++) {
            if (failed.contains(i)) {
                continue;
            }
            Integer row = mapped.rowOf(i);
            for (FieldError e : catalog.current().validate(mapped.events().get(i))) {
                errors.add(new FieldError(i, e.pointer(), (row == null ? "" : "row " + row + ": ") + e.message()));
            }
        }
        return new Preview(mapped, errors);
    }

    /** What a dry run found. */
    public record Preview(MappedMessage mapped, List<FieldError> errors) {
    }

    static ApiProblem refusal(Binding binding, MappedMessage mapped, List<FieldError> errors) {
        boolean scopeOnly = errors.stream().allMatch(e -> e.message().contains("outside the binding's scope"));
        String detail = "The message to binding '" + binding.name() + "' (version " + binding.version() + ") "
                + (errors.size() == 1 ? "has an error" : "has " + errors.size() + " errors") + ": "
                + errors.get(0).message() + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "")
                + "; nothing was accepted.";
        return new ApiProblem(scopeOnly ? HttpStatus.FORBIDDEN : HttpStatus.BAD_REQUEST,
                scopeOnly ? "forbidden" : "mapping", scopeOnly ? "Forbidden" : "Message not mapped", detail, errors,
                properties(binding, mapped, errors));
    }

    /** The intake's problem, with the binding and the row of each failing event added. */
    private static ApiProblem withRows(Binding binding, MappedMessage mapped, ApiProblem problem) {
        List<FieldError> errors = new ArrayList<>();
        for (FieldError e : problem.errors()) {
            Integer row = mapped.rowOf(e.index());
            errors.add(row == null ? e : new FieldError(e.index(), e.pointer(), "row " + row + ": " + e.message()));
        }
        Map<String, Object> properties = new LinkedHashMap<>(problem.properties());
        properties.putAll(properties(binding, mapped, errors));
        return new ApiProblem(problem.status(), slug(problem), problem.title(), problem.getMessage(), errors, properties);
    }

    private static Map<String, Object> properties(Binding binding, MappedMessage mapped, List<FieldError> errors) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("binding", binding.name());
        properties.put("bindingVersion", binding.version());
        Set<Integer> rows = new TreeSet<>();
        for (FieldError e : errors) {
            Integer row = mapped.rowOf(e.index());
            if (row != null) {
                rows.add(row);
            } else if (e.message().startsWith("row ")) {
                rows.add(Integer.parseInt(e.message().substring(4, e.message().indexOf(':'))));
            }
        }
        if (!rows.isEmpty()) {
            properties.put("rows", List.copyOf(rows));
        }
        return properties;
    }

    private static String slug(ApiProblem problem) {
        String uri = problem.typeUri().toString();
        return uri.substring(uri.lastIndexOf(':') + 1);
    }
}
