package io.millrace.connectivity;

import io.millrace.audit.AuditTrail;
import io.millrace.access.Caller;
import io.millrace.catalog.EventJson;
import io.millrace.web.ApiProblem;
import io.millrace.web.FieldError;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /api/v1/bindings}: create or replace a binding (admin; every change a new version,
 * validated whole), read them (read roles), delete one (admin), and dry-run a message through a
 * binding or through an unsaved mapping (admin or operator).
 */
@RestController
@RequestMapping("/api/v1/bindings")
class BindingsController {

    private final Bindings store;
    private final LiveBindings live;
    private final BindingReader reader;
    private final BindingIntake intake;
    private final Clock clock;

    private final AuditTrail audit;

    BindingsController(Bindings store, LiveBindings live, BindingReader reader, BindingIntake intake,
                       org.springframework.beans.factory.ObjectProvider<Clock> clock, AuditTrail audit) {
        this.audit = audit;
        this.store = store;
        this.live = live;
        this.reader = reader;
        this.intake = intake;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @PutMapping("/{name}")
    ResponseEntity<ObjectNode> put(Caller caller, @PathVariable String name, @RequestBody(required = false) byte[] body) {
        caller.requireAdmin();
        List<FieldError> errors = new ArrayList<>();
        if (!BindingReader.NAME.matcher(name).matches()) {
            errors.add(FieldError.at("", "the binding name '" + name + "' must be 1-64 characters of letters, digits "
                    + "and ._-"));
        }
        BindingReader.Read read = reader.read(parse(body), errors);
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid("The binding has " + errors.size() + (errors.size() == 1 ? " error" : " errors")
                    + "; nothing was stored.", errors);
        }
        conflictingTopic(name, read.definition());
        ObjectNode before = live.find(name).map(BindingsController::view).orElse(null);
        boolean existed = before != null;
        int version = store.save(name, read.definition(), clock.instant(), caller.keyId());
        live.refresh();
        Binding saved = new Binding(name, version, read.definition(), read.mapping(), clock.instant(), caller.keyId());
        audit.record(caller.actor(), existed ? "binding.updated" : "binding.created", "binding:" + name, before,
                view(saved));
        return ResponseEntity.status(existed ? HttpStatus.OK : HttpStatus.CREATED).body(view(saved));
    }

    /** Two bindings reading one inbox folder would race for its files. */
    private void conflictingTopic(String name, BindingDefinition definition) {
        if (definition.channel() != BindingDefinition.Channel.FILE) {
            return;
        }
        for (Binding other : live.onChannel(BindingDefinition.Channel.FILE)) {
            if (!other.name().equals(name) && other.definition().topic().equals(definition.topic())) {
                throw ApiProblem.invalid("The inbox folder is taken; nothing was stored.", List.of(FieldError.at(
                        "/topic", "folder '" + definition.topic() + "' is the inbox of binding '" + other.name() + "'")));
            }
        }
    }

    @GetMapping
    Map<String, List<ObjectNode>> all(Caller caller) {
        caller.requireReadAll();
        live.refresh();
        return Map.of("bindings", live.all().stream().map(BindingsController::view).toList());
    }

    @GetMapping("/{name}")
    ObjectNode one(Caller caller, @PathVariable String name) {
        caller.requireReadAll();
        return view(found(name));
    }

    @DeleteMapping("/{name}")
    ResponseEntity<Void> delete(Caller caller, @PathVariable String name) {
        caller.requireAdmin();
        ObjectNode before = live.find(name).map(BindingsController::view).orElse(null);
        if (!store.delete(name, clock.instant(), caller.keyId())) {
            throw ApiProblem.notFound("No binding named '" + name + "'.");
        }
        live.refresh();
        audit.record(caller.actor(), "binding.deleted", "binding:" + name, before, null);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{name}/test")
    ResponseEntity<ObjectNode> test(Caller caller, @PathVariable String name,
                                    @RequestParam(name = "mapping", required = false) String unsaved,
                                    @RequestBody(required = false) byte[] body) {
        caller.requireOperator();
        Binding binding = found(name);
        Mapping mapping = binding.mapping();
        if (unsaved != null) {
            try {
                mapping = Mapping.compile(unsaved);
            } catch (Mapping.MappingFailure ex) {
                throw ApiProblem.invalid("The mapping given does not compile; nothing was tried.",
                        List.of(FieldError.at("/mapping", ex.getMessage())));
            }
        }
        BindingIntake.Preview preview = intake.preview(binding, mapping, new MessageMapper.Received("http", null, null,
                Instant.now(clock), body == null ? new byte[0] : body));
        ObjectNode answer = EventJson.mapper().createObjectNode();
        answer.put("binding", binding.name());
        answer.put("bindingVersion", binding.version());
        answer.put("mapping", unsaved != null ? "unsaved" : "stored");
        var events = answer.putArray("events");
        preview.mapped().events().forEach(events::add);
        if (!preview.errors().isEmpty()) {
            ApiProblem refused = BindingIntake.refusal(binding, preview.mapped(), preview.errors());
            Map<String, Object> properties = new java.util.LinkedHashMap<>(refused.properties());
            properties.put("events", preview.mapped().events());
            throw new ApiProblem(refused.status(), refused.typeUri().toString().substring("urn:millrace:problem:"
                    .length()), refused.title(), refused.getMessage().replace("nothing was accepted", "it would be "
                    + "refused"), refused.errors(), properties);
        }
        answer.putArray("errors");
        return ResponseEntity.ok(answer);
    }

    private Binding found(String name) {
        live.refresh();
        return live.find(name).orElseThrow(() -> ApiProblem.notFound("No binding named '" + name + "'."));
    }

    static ObjectNode view(Binding binding) {
        ObjectNode node = EventJson.mapper().createObjectNode();
        node.put("name", binding.name());
        node.put("version", binding.version());
        node.setAll(BindingJson.write(binding.definition()));
        node.put("changedAt", binding.changedAt().toString());
        node.put("changedBy", binding.changedBy());
        return node;
    }

    private static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw ApiProblem.badRequest("The body is empty; expected a binding as a JSON object.");
        }
        try {
            return EventJson.mapper().readTree(body);
        } catch (JacksonException ex) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON",
                    "The body is not valid JSON: " + ex.getOriginalMessage());
        }
    }
}
