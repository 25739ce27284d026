package io.millrace.corrections;

import io.millrace.audit.AuditTrail;
import io.millrace.access.Caller;
import io.millrace.accounting.master.Bom;
import io.millrace.accounting.master.BomComponent;
import io.millrace.accounting.master.MasterData;
import io.millrace.catalog.EventJson;
import io.millrace.web.ApiProblem;
import io.millrace.web.FieldError;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/replays} starts a shadow-ledger replay (operator or admin), validated whole;
 * {@code GET /api/v1/replays/{id}} shows its progress and, once completed, the difference to the
 * real ledger per plant, account and order.
 */
@RestController
class ReplaysController {

    private final ShadowReplays replays;
    private final MasterData master;

    private final AuditTrail audit;

    ReplaysController(ShadowReplays replays, MasterData master, AuditTrail audit) {
        this.audit = audit;
        this.replays = replays;
        this.master = master;
    }

    @PostMapping("/api/v1/replays")
    ResponseEntity<ShadowReplays.Run> start(Caller caller, @RequestBody(required = false) byte[] body) {
        caller.requireOperator();
        ReplayRequest request = read(body, caller.actor());
        ShadowReplays.Run run = replays.start(request);
        audit.record(caller.actor(), "replay.started", "replay:" + run.id(), null, request);
        return ResponseEntity.status(HttpStatus.ACCEPTED).header("Location", "/api/v1/replays/" + run.id()).body(run);
    }

    @GetMapping("/api/v1/replays/{id}")
    ShadowReplays.Run find(Caller caller, @PathVariable String id) {
        caller.requireReadAll();
        return replays.find(id).orElseThrow(() -> ApiProblem.notFound("No replay with id '" + id + "'."));
    }

    private ReplayRequest read(byte[] body, String actor) {
        JsonNode root;
        try {
            root = body == null || body.length == 0 ? EventJson.mapper().createObjectNode()
                    : EventJson.mapper().readTree(body);
        } catch (RuntimeException ex) {
            throw ApiProblem.invalid("The body is not JSON; no replay was started.", List.of(FieldError.at("", "is not JSON")));
        }
        List<FieldError> errors = new ArrayList<>();
        if (!root.isObject()) {
            throw ApiProblem.invalid("The body must be a JSON object; no replay was started.",
                    List.of(FieldError.at("", "must be an object")));
        }
        Set<String> known = Set.of("fromPosition", "toPosition", "from", "to", "plants", "standardCosts", "boms",
                "reason");
        root.propertyNames().forEach(name -> {
            if (!known.contains(name)) {
                errors.add(FieldError.at("/" + name, "is not a replay setting"));
            }
        });
        Long fromPosition = position(root, "fromPosition", errors);
        Long toPosition = position(root, "toPosition", errors);
        Instant from = time(root, "from", errors);
        Instant to = time(root, "to", errors);
        Set<String> plants = new LinkedHashSet<>();
        JsonNode plantList = root.path("plants");
        if (!plantList.isMissingNode()) {
            if (!plantList.isArray()) {
                errors.add(FieldError.at("/plants", "must be an array of plant codes"));
            } else {
                for (int i = 0; i < plantList.size(); i++) {
                    String plant = plantList.get(i).asString("");
                    if (master.plant(plant).isEmpty()) {
                        errors.add(FieldError.at("/plants/" + i, "is not a known plant"));
                    }
                    plants.add(plant);
                }
            }
        }
        Map<String, BigDecimal> costs = new LinkedHashMap<>();
        JsonNode costNode = root.path("standardCosts");
        if (!costNode.isMissingNode()) {
            if (!costNode.isObject()) {
                errors.add(FieldError.at("/standardCosts", "must map item codes to standard costs"));
            } else {
                costNode.properties().forEach(e -> {
                    String at = "/standardCosts/" + e.getKey().replace("~", "~0").replace("/", "~1");
                    if (master.item(e.getKey()).isEmpty()) {
                        errors.add(FieldError.at(at, "is not a known item"));
                    } else if (!e.getValue().isNumber() || e.getValue().decimalValue().signum() < 0) {
                        errors.add(FieldError.at(at, "must be a number of 0 or more"));
                    } else {
                        costs.put(e.getKey(), e.getValue().decimalValue());
                    }
                });
            }
        }
        List<Bom> boms = boms(root.path("boms"), errors);
        if (fromPosition != null && toPosition != null && fromPosition > toPosition) {
            errors.add(FieldError.at("/toPosition", "must not be before fromPosition"));
        }
        if (from != null && to != null && !from.isBefore(to)) {
            errors.add(FieldError.at("/to", "must be after from"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid("The replay request has " + errors.size() + " error(s); no replay was started.",
                    errors);
        }
        String reason = root.path("reason").asString(null);
        return new ReplayRequest(fromPosition, toPosition, from, to, plants, costs, boms, actor, reason);
    }

    private List<Bom> boms(JsonNode node, List<FieldError> errors) {
        List<Bom> boms = new ArrayList<>();
        if (node.isMissingNode()) {
            return boms;
        }
        if (!node.isArray()) {
            errors.add(FieldError.at("/boms", "must be an array of bills of material"));
            return boms;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode bom = node.get(i);
            String item = bom.path("item").asString("");
            if (master.item(item).isEmpty()) {
                errors.add(FieldError.at("/boms/" + i + "/item", "is not a known item"));
            }
            List<BomComponent> components = new ArrayList<>();
            JsonNode list = bom.path("components");
            if (!list.isArray() || list.isEmpty()) {
                errors.add(FieldError.at("/boms/" + i + "/components", "must be a non-empty array"));
                continue;
            }
            for (int c = 0; c < list.size(); c++) {
                String at = "/boms/" + i + "/components/" + c;
                String component = list.get(c).path("item").asString("");
                JsonNode per = list.get(c).path("quantityPer");
                if (master.item(component).isEmpty()) {
                    errors.add(FieldError.at(at + "/item", "is not a known item"));
                } else if (!per.isNumber() || per.decimalValue().signum() <= 0) {
                    errors.add(FieldError.at(at + "/quantityPer", "must be a number above 0"));
                } else {
                    components.add(new BomComponent(component, per.decimalValue()));
                }
            }
            boms.add(new Bom(item, components));
        }
        return boms;
    }

    private static Long position(JsonNode root, String name, List<FieldError> errors) {
        JsonNode node = root.path(name);
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || node.asLong() < 1) {
            errors.add(FieldError.at("/" + name, "must be an event log position of 1 or more"));
            return null;
        }
        return node.asLong();
    }

    private static Instant time(JsonNode root, String name, List<FieldError> errors) {
        JsonNode node = root.path(name);
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(node.asString("").toUpperCase(Locale.ROOT)).toInstant();
        } catch (DateTimeParseException ex) {
            errors.add(FieldError.at("/" + name, "must be an RFC 3339 timestamp with a zone"));
            return null;
        }
    }
}
