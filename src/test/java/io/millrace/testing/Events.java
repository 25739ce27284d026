package io.millrace.testing;

/** Valid canonical events for tests, as JSON text. */
public final class Events {

    private Events() {
    }

    public static String completed(String source, String id, String plant, String quantity) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"" + source + "\","
                + "\"type\":\"mfg.production.order.completed\",\"time\":\"2026-11-26T08:15:00Z\","
                + "\"subject\":\"MO-1\",\"datacontenttype\":\"application/json\",\"plant\":\"" + plant + "\","
                + "\"data\":{\"orderId\":\"MO-1\",\"item\":\"FG-BRACKET\",\"lot\":\"L-1\",\"quantity\":" + quantity
                + ",\"uom\":\"pcs\",\"location\":\"" + plant + "-FG\"}}";
    }

    public static String closed(String source, String id, String plant, String orderId) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"" + source + "\","
                + "\"type\":\"mfg.production.order.closed\",\"time\":\"2026-11-26T09:00:00Z\","
                + "\"subject\":\"" + orderId + "\",\"plant\":\"" + plant + "\","
                + "\"data\":{\"orderId\":\"" + orderId + "\"}}";
    }

    public static String batch(String... events) {
        return "[" + String.join(",", events) + "]";
    }
}
