package io.millrace.erp.tryton;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Tryton's JSON encoding of dates, date-times and decimals ({@code {"__class__": …}}). */
final class TrytonValues {

    private TrytonValues() {
    }

    static ObjectNode date(LocalDate date) {
        return TrytonClient.JSON.createObjectNode().put("__class__", "date").put("year", date.getYear())
                .put("month", date.getMonthValue()).put("day", date.getDayOfMonth());
    }

    static ObjectNode dateTime(Instant instant) {
        LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        return TrytonClient.JSON.createObjectNode().put("__class__", "datetime").put("year", t.getYear())
                .put("month", t.getMonthValue()).put("day", t.getDayOfMonth()).put("hour", t.getHour())
                .put("minute", t.getMinute()).put("second", t.getSecond())
                .put("microsecond", t.getNano() / 1000);
    }

    static ObjectNode decimal(BigDecimal value) {
        return TrytonClient.JSON.createObjectNode().put("__class__", "Decimal").put("decimal", value.toPlainString());
    }

    /** A decimal as Tryton sends it (encoded, or a plain number); null stays null. */
    static BigDecimal toDecimal(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isObject()) {
            return new BigDecimal(node.get("decimal").asString());
        }
        return node.decimalValue();
    }

    /** A date-time as Tryton sends it (server time is UTC); null stays null. */
    static Instant toInstant(JsonNode node) {
        if (node == null || node.isNull() || !node.isObject()) {
            return null;
        }
        return LocalDateTime.of(node.get("year").asInt(), node.get("month").asInt(), node.get("day").asInt(),
                node.path("hour").asInt(0), node.path("minute").asInt(0), node.path("second").asInt(0),
                node.path("microsecond").asInt(0) * 1000).toInstant(ZoneOffset.UTC);
    }

    static boolean truthy(JsonNode node) {
        return node != null && (node.isBoolean() ? node.asBoolean() : node.isNumber() && node.asInt() != 0);
    }

    /** The id of a many2one as read: a number, or null. */
    static Long id(JsonNode node) {
        return node == null || node.isNull() ? null : node.asLong();
    }
}
