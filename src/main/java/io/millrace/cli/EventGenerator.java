package io.millrace.cli;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Valid canonical events of plant P100 for benchmarks and simulations: completions, material
 * consumption and goods receipts, each with a unique id under this generator's prefix.
 */
final class EventGenerator {

    private final String prefix;
    private long sequence;

    EventGenerator(String prefix) {
        this.prefix = prefix;
    }

    byte[] batch(int size) {
        StringBuilder json = new StringBuilder(size * 420).append('[');
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                json.append(',');
            }
            appendEvent(json);
        }
        return json.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    private void appendEvent(StringBuilder json) {
        long n = sequence++;
        int order = (int) (n % 200) + 1;
        String quantity = (1 + ThreadLocalRandom.current().nextInt(500)) + "." + ThreadLocalRandom.current().nextInt(10);
        json.append("{\"specversion\":\"1.0\",\"id\":\"").append(prefix).append('-').append(n).append("\",");
        switch ((int) (n % 3)) {
            case 0 -> json.append("\"source\":\"urn:millrace:plant:P100:mes\",\"type\":\"mfg.production.order.completed\",")
                    .append("\"subject\":\"MO-").append(order).append("\",")
                    .append(envelopeTail())
                    .append("{\"orderId\":\"MO-").append(order).append("\",\"item\":\"FG-BRACKET\",\"lot\":\"L-")
                    .append(order).append("\",\"quantity\":").append(quantity)
                    .append(",\"uom\":\"pcs\",\"location\":\"P100-FG\"}}");
            case 1 -> json.append("\"source\":\"urn:millrace:plant:P100:mes\",\"type\":\"mfg.production.material.consumed\",")
                    .append("\"subject\":\"MO-").append(order).append("\",")
                    .append(envelopeTail())
                    .append("{\"orderId\":\"MO-").append(order).append("\",\"item\":\"RM-STEEL\",\"lot\":\"RL-")
                    .append(order).append("\",\"quantity\":").append(quantity)
                    .append(",\"uom\":\"kg\",\"location\":\"P100-LINE\"}}");
            default -> json.append("\"source\":\"urn:millrace:plant:P100:wms\",\"type\":\"mfg.procurement.goods.received\",")
                    .append("\"subject\":\"4500001\",")
                    .append(envelopeTail())
                    .append("{\"receiptId\":\"GR-").append(prefix).append('-').append(n)
                    .append("\",\"purchaseOrder\":\"4500001\",\"poLine\":10,\"item\":\"RM-STEEL\",\"lot\":\"RL-")
                    .append(order).append("\",\"quantity\":").append(quantity)
                    .append(",\"uom\":\"kg\",\"location\":\"P100-RM\"}}");
        }
    }

    private static String envelopeTail() {
        return "\"time\":\"2026-11-26T08:15:00Z\",\"datacontenttype\":\"application/json\",\"plant\":\"P100\",\"data\":";
    }
}
