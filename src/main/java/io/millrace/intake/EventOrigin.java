package io.millrace.intake;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Where an event came from when a binding made it out of a plant's own message: the channel, the
 * binding and the version of it that mapped the message, the raw message as received, and every
 * quantity converted to the item's base unit with its original value. Kept as the event's lineage.
 *
 * @param topic   the MQTT topic, or null
 * @param file    the inbox file name, or null
 * @param row     the row of the file (1 = first data row), or null
 * @param message the raw message as text (base64 when it is not UTF-8, see {@code base64})
 */
public record EventOrigin(String channel, String binding, int bindingVersion, String topic, String file, Integer row,
                          Instant receivedAt, String message, boolean base64, List<Conversion> conversions) {

    public EventOrigin {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(message, "message");
        conversions = List.copyOf(conversions);
    }

    /** One quantity converted at intake: at {@code pointer} of the event, from the original to the base unit. */
    public record Conversion(String pointer, String item, BigDecimal quantity, String uom, BigDecimal factor,
                             BigDecimal baseQuantity, String baseUom) {
    }

    public EventOrigin withConversions(List<Conversion> applied) {
        return new EventOrigin(channel, binding, bindingVersion, topic, file, row, receivedAt, message, base64, applied);
    }
}
