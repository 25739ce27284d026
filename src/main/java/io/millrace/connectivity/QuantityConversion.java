package io.millrace.connectivity;

import io.millrace.intake.EventOrigin;
import io.millrace.masterdata.ItemUnits;
import io.millrace.web.FieldError;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Converts the quantities of a mapped event to the base unit of their item: wherever the event's
 * data (or one of its lines) names an {@code item} and a {@code uom} other than the item's base
 * unit, {@code quantity} and {@code countedQuantity} are multiplied by the item's factor for that
 * unit and {@code uom} becomes the base unit. A unit the item has no conversion for is an error;
 * an item master data does not know is left for the pipeline to hold, as for any event.
 */
public final class QuantityConversion {

    /** Quantities keep at most this many decimals (events.md). */
    private static final int QUANTITY_SCALE = 6;
    private static final List<String> QUANTITIES = List.of("quantity", "countedQuantity");

    private final ItemUnits units;

    public QuantityConversion(ItemUnits units) {
        this.units = units;
    }

    /** Converts in place and answers what it converted; problems go to {@code errors}. */
    public List<EventOrigin.Conversion> toBaseUnits(ObjectNode event, List<FieldError> errors) {
        List<EventOrigin.Conversion> applied = new ArrayList<>();
        JsonNode data = event.get("data");
        if (data instanceof ObjectNode object) {
            convert(object, "/data", applied, errors);
            JsonNode lines = object.get("lines");
            if (lines != null && lines.isArray()) {
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i) instanceof ObjectNode line) {
                        convert(line, "/data/lines/" + i, applied, errors);
                    }
                }
            }
        }
        return applied;
    }

    private void convert(ObjectNode node, String at, List<EventOrigin.Conversion> applied, List<FieldError> errors) {
        JsonNode item = node.get("item");
        JsonNode uom = node.get("uom");
        if (item == null || !item.isString() || uom == null || !uom.isString()) {
            return;
        }
        ItemUnits.Units found = units.of(item.stringValue()).orElse(null);
        if (found == null || found.baseUom().equals(uom.stringValue())) {
            return;
        }
        BigDecimal factor = found.factors().get(uom.stringValue());
        if (factor == null) {
            errors.add(FieldError.at(at + "/uom", "item '" + item.stringValue() + "' has no conversion from '"
                    + uom.stringValue() + "' to its base unit '" + found.baseUom() + "'"
                    + (found.factors().isEmpty() ? "" : " (it converts " + found.factors().keySet() + ")")
                    + "; declare it in master data items[].conversions"));
            return;
        }
        for (String field : QUANTITIES) {
            JsonNode quantity = node.get(field);
            if (quantity == null || !quantity.isNumber()) {
                continue;
            }
            BigDecimal original = quantity.decimalValue();
            BigDecimal base = original.multiply(factor);
            if (base.scale() > QUANTITY_SCALE) {
                base = base.setScale(QUANTITY_SCALE, RoundingMode.HALF_EVEN);
            }
            base = base.stripTrailingZeros();
            if (base.scale() < 0) {
                base = base.setScale(0);
            }
            node.put(field, base);
            applied.add(new EventOrigin.Conversion(at + "/" + field, item.stringValue(), original.stripTrailingZeros(),
                    uom.stringValue(), factor, base, found.baseUom()));
        }
        node.put("uom", found.baseUom());
    }
}
