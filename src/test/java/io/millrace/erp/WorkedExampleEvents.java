package io.millrace.erp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The events of postings.md's worked example as plant P100 sends them (CloudEvents JSON), the
 * release of MO-1 left out where the ERP releases it.
 */
final class WorkedExampleEvents {

    static final String SOURCE = "urn:millrace:plant:P100:mes";
    private static final Instant START = Instant.parse("2026-11-02T08:00:00Z");

    private WorkedExampleEvents() {
    }

    /** The events with the worked example's order numbers. */
    static List<String> events(String prefix, boolean withRelease) {
        return events(prefix, withRelease, "4500001", "7000001", "MO-1");
    }

    /** The events with the numbers an ERP gave the purchase, sale and production orders. */
    static List<String> events(String prefix, boolean withRelease, String po, String so, String mo) {
        List<String> events = new ArrayList<>();
        for (String event : template(prefix, withRelease)) {
            events.add(event.replace("4500001", po).replace("7000001", so).replace("MO-1", mo));
        }
        return events;
    }

    private static List<String> template(String prefix, boolean withRelease) {
        List<String[]> list = new ArrayList<>();
        list.add(new String[] {"mfg.procurement.goods.received", "4500001", "{\"receiptId\":\"GR-1\",\"purchaseOrder\":\"4500001\",\"poLine\":10,\"item\":\"RM-STEEL\",\"lot\":\"L-ST-1\",\"quantity\":1000,\"uom\":\"kg\",\"location\":\"P100-RM\"}"});
        list.add(new String[] {"mfg.procurement.goods.received", "4500001", "{\"receiptId\":\"GR-2\",\"purchaseOrder\":\"4500001\",\"poLine\":20,\"item\":\"RM-PAINT\",\"lot\":\"L-PT-1\",\"quantity\":100,\"uom\":\"l\",\"location\":\"P100-RM\"}"});
        list.add(new String[] {"mfg.inventory.stock.transferred", "TR-1", "{\"transferId\":\"TR-1\",\"item\":\"RM-STEEL\",\"lot\":\"L-ST-1\",\"quantity\":600,\"uom\":\"kg\",\"fromLocation\":\"P100-RM\",\"toLocation\":\"P100-LINE\"}"});
        list.add(new String[] {"mfg.inventory.stock.transferred", "TR-2", "{\"transferId\":\"TR-2\",\"item\":\"RM-PAINT\",\"lot\":\"L-PT-1\",\"quantity\":50,\"uom\":\"l\",\"fromLocation\":\"P100-RM\",\"toLocation\":\"P100-LINE\"}"});
        if (withRelease) {
            list.add(new String[] {"mfg.production.order.released", "MO-1", "{\"orderId\":\"MO-1\",\"item\":\"FG-BRACKET\",\"quantity\":200,\"uom\":\"ea\"}"});
        }
        list.add(new String[] {"mfg.production.material.consumed", "MO-1", "{\"orderId\":\"MO-1\",\"item\":\"RM-STEEL\",\"lot\":\"L-ST-1\",\"quantity\":590,\"uom\":\"kg\",\"location\":\"P100-LINE\"}"});
        list.add(new String[] {"mfg.production.material.consumed", "MO-1", "{\"orderId\":\"MO-1\",\"item\":\"RM-PAINT\",\"lot\":\"L-PT-1\",\"quantity\":41,\"uom\":\"l\",\"location\":\"P100-LINE\"}"});
        list.add(new String[] {"mfg.production.operation.confirmed", "MO-1", "{\"orderId\":\"MO-1\",\"operation\":\"0010\",\"workCenter\":\"WC-PRESS\",\"yieldQuantity\":195,\"laborMinutes\":400,\"machineMinutes\":610}"});
        list.add(new String[] {"mfg.production.scrap.declared", "MO-1", "{\"orderId\":\"MO-1\",\"quantity\":5,\"uom\":\"ea\",\"reasonCode\":\"DENT\"}"});
        list.add(new String[] {"mfg.production.order.completed", "MO-1", "{\"orderId\":\"MO-1\",\"item\":\"FG-BRACKET\",\"lot\":\"L-FG-1\",\"quantity\":195,\"uom\":\"ea\",\"location\":\"P100-FG\"}"});
        list.add(new String[] {"mfg.production.order.closed", "MO-1", "{\"orderId\":\"MO-1\"}"});
        list.add(new String[] {"mfg.quality.lot.held", "L-FG-1", "{\"item\":\"FG-BRACKET\",\"lot\":\"L-FG-1\",\"location\":\"P100-FG\",\"quantity\":10,\"reasonCode\":\"QC\"}"});
        list.add(new String[] {"mfg.quality.lot.rejected", "L-FG-1", "{\"item\":\"FG-BRACKET\",\"lot\":\"L-FG-1\",\"location\":\"P100-FG\",\"quantity\":4,\"disposition\":\"SCRAP\",\"reasonCode\":\"QC\"}"});
        list.add(new String[] {"mfg.quality.lot.released", "L-FG-1", "{\"item\":\"FG-BRACKET\",\"lot\":\"L-FG-1\",\"location\":\"P100-FG\",\"quantity\":6}"});
        list.add(new String[] {"mfg.fulfillment.shipment.confirmed", "SH-1", "{\"shipmentId\":\"SH-1\",\"salesOrder\":\"7000001\",\"customer\":\"C-BETA\",\"lines\":[{\"soLine\":10,\"item\":\"FG-BRACKET\",\"lot\":\"L-FG-1\",\"location\":\"P100-FG\",\"quantity\":150,\"uom\":\"ea\"}]}"});
        list.add(new String[] {"mfg.procurement.invoice.received", "INV-9001", "{\"invoiceId\":\"INV-9001\",\"supplier\":\"S-ACME\",\"currency\":\"EUR\",\"lines\":[{\"purchaseOrder\":\"4500001\",\"poLine\":10,\"quantity\":1000,\"unitPrice\":2.12}]}"});
        List<String> events = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String[] e = list.get(i);
            events.add(event(prefix + "-" + (i + 1), e[0], e[1], START.plusSeconds(60L * (i + 1)), e[2]));
        }
        return events;
    }

    static String event(String id, String type, String subject, Instant time, String data) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"" + SOURCE + "\",\"type\":\"" + type
                + "\",\"time\":\"" + time + "\",\"subject\":\"" + subject + "\",\"plant\":\"P100\","
                + "\"datacontenttype\":\"application/json\",\"data\":" + data + "}";
    }

    static String batch(List<String> events) {
        return "[" + String.join(",", events) + "]";
    }
}
