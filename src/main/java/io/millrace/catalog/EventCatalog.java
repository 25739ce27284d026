package io.millrace.catalog;

import io.millrace.web.FieldError;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** TEMPORARY SHIM of the event catalog: validates only the CloudEvents envelope. */
public final class EventCatalog {

    private static final Pattern ATTRIBUTE = Pattern.compile("[a-z0-9]{1,20}");
    private static final Set<String> TYPES = Set.of(
            "mfg.production.order.released", "mfg.production.material.consumed",
            "mfg.production.operation.confirmed", "mfg.production.scrap.declared",
            "mfg.production.order.completed", "mfg.production.order.closed",
            "mfg.quality.lot.held", "mfg.quality.lot.released", "mfg.quality.lot.rejected",
            "mfg.procurement.goods.received", "mfg.procurement.invoice.received",
            "mfg.fulfillment.shipment.confirmed", "mfg.inventory.stock.transferred",
            "mfg.inventory.count.adjusted");
    private static final Map<String, String> REQUIRED = Map.of(
            "specversion", "/specversion", "id", "/id", "source", "/source", "type", "/type",
            "time", "/time", "plant", "/plant");

    public static EventCatalog loadDefault() {
        return new EventCatalog();
    }

    public boolean knowsType(String type) {
        return TYPES.contains(type);
    }

    public List<FieldError> validate(JsonNode event) {
        List<FieldError> errors = new ArrayList<>();
        if (event == null || !event.isObject()) {
            errors.add(FieldError.at("", "an event must be a JSON object"));
            return errors;
        }
        for (String name : event.propertyNames()) {
            if (!ATTRIBUTE.matcher(name).matches()) {
                errors.add(FieldError.at("/" + name, "attribute names are 1-20 lowercase letters or digits"));
            }
        }
        for (String name : List.of("specversion", "id", "source", "type", "time", "plant")) {
            JsonNode value = event.get(name);
            if (value == null || value.isNull()) {
                errors.add(FieldError.at(REQUIRED.get(name), "is required"));
            } else if (!value.isString() || value.asString().isEmpty()) {
                errors.add(FieldError.at(REQUIRED.get(name), "must be a non-empty string"));
            }
        }
        JsonNode spec = event.get("specversion");
        if (spec != null && spec.isString() && !"1.0".equals(spec.asString())) {
            errors.add(FieldError.at("/specversion", "must be 1.0"));
        }
        JsonNode type = event.get("type");
        if (type != null && type.isString() && !type.asString().isEmpty() && !knowsType(type.asString())) {
            errors.add(FieldError.at("/type", "unknown event type '" + type.asString() + "'"));
        }
        JsonNode time = event.get("time");
        if (time != null && time.isString() && !time.asString().isEmpty()) {
            try {
                OffsetDateTime.parse(time.asString());
            } catch (DateTimeParseException ex) {
                errors.add(FieldError.at("/time", "must be an RFC 3339 timestamp with a zone"));
            }
        }
        for (String optional : List.of("subject", "correlationid")) {
            JsonNode value = event.get(optional);
            if (value != null && !value.isString()) {
                errors.add(FieldError.at("/" + optional, "must be a string"));
            }
        }
        JsonNode data = event.get("data");
        if (data == null || data.isNull()) {
            errors.add(FieldError.at("/data", "is required"));
        } else if (!data.isObject()) {
            errors.add(FieldError.at("/data", "must be a JSON object"));
        }
        return errors;
    }

    public String businessKey(JsonNode event) {
        JsonNode data = event.path("data");
        String type = event.path("type").asString("");
        if (data.hasNonNull("orderId")) {
            return "order:" + data.get("orderId").asString();
        }
        if (type.startsWith("mfg.procurement.goods")) {
            return "po:" + data.path("purchaseOrder").asString("");
        }
        if (type.startsWith("mfg.procurement.invoice")) {
            return "po:" + data.path("lines").path(0).path("purchaseOrder").asString("");
        }
        if (type.startsWith("mfg.fulfillment")) {
            return "so:" + data.path("salesOrder").asString("");
        }
        return "lot:" + data.path("lot").asString("");
    }
}
