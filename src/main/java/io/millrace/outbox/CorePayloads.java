package io.millrace.outbox;

import io.millrace.accounting.ledger.Amounts;
import io.millrace.accounting.ledger.Dimensions;
import io.millrace.accounting.ledger.JournalEntry;
import io.millrace.accounting.ledger.JournalLine;
import io.millrace.accounting.posting.OutboundMessage.InvoiceIssued;
import io.millrace.accounting.posting.OutboundMessage.InvoiceIssuedLine;
import io.millrace.accounting.posting.OutboundMessage.JournalPosted;
import io.millrace.accounting.posting.OutboundMessage.Payload;
import io.millrace.accounting.posting.OutboundMessage.VarianceSettled;
import java.math.BigDecimal;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code data} of the outbound events the accounting core produces. Money is a JSON number
 * with exactly 2 decimals; quantities and prices keep the scale the core gives them; absent
 * values (a dimension that does not apply, no reversal) are left out.
 */
final class CorePayloads {

    private CorePayloads() {
    }

    static ObjectNode toJson(Payload payload) {
        if (payload instanceof JournalPosted posted) {
            return journal(posted.entry());
        }
        if (payload instanceof InvoiceIssued invoice) {
            return invoice(invoice);
        }
        if (payload instanceof VarianceSettled settled) {
            return variance(settled);
        }
        throw new IllegalArgumentException("no outbound data for " + payload.getClass().getName());
    }

    static ObjectNode journal(JournalEntry entry) {
        ObjectNode data = OutboxJson.object();
        data.put("entryId", entry.entryId());
        data.put("plant", entry.plant());
        data.put("postingDate", entry.postingDate().toString());
        data.put("period", entry.period().toString());
        data.put("late", entry.late());
        OutboxJson.putIfPresent(data, "reversalOf", entry.reversalOf());
        OutboxJson.putIfPresent(data, "text", entry.text());
        OutboxJson.putIfPresent(data, "correlationId", entry.correlationId());
        OutboxJson.putIfPresent(data, "actor", entry.actor());
        ObjectNode source = data.putObject("sourceEvent");
        source.put("trackingId", entry.source().trackingId());
        OutboxJson.putIfPresent(source, "source", entry.source().source());
        OutboxJson.putIfPresent(source, "id", entry.source().eventId());
        OutboxJson.putIfPresent(source, "type", entry.source().type());
        data.put("totalDebit", money(entry.totalDebit()));
        data.put("totalCredit", money(entry.totalCredit()));
        ArrayNode lines = data.putArray("lines");
        List<JournalLine> entryLines = entry.lines();
        for (int i = 0; i < entryLines.size(); i++) {
            JournalLine line = entryLines.get(i);
            ObjectNode node = lines.addObject();
            node.put("lineNo", i + 1);
            node.put("account", line.account());
            node.put("debit", money(line.debit()));
            node.put("credit", money(line.credit()));
            dimensions(node.putObject("dimensions"), line.dimensions());
        }
        return data;
    }

    private static void dimensions(ObjectNode node, Dimensions d) {
        node.put("plant", d.plant());
        OutboxJson.putIfPresent(node, "order", d.order());
        OutboxJson.putIfPresent(node, "item", d.item());
        OutboxJson.putIfPresent(node, "lot", d.lot());
        OutboxJson.putIfPresent(node, "costCenter", d.costCenter());
        OutboxJson.putIfPresent(node, "supplier", d.supplier());
        OutboxJson.putIfPresent(node, "customer", d.customer());
    }

    static ObjectNode invoice(InvoiceIssued invoice) {
        ObjectNode data = OutboxJson.object();
        data.put("invoiceId", invoice.invoiceId());
        data.put("shipmentId", invoice.shipmentId());
        data.put("salesOrder", invoice.salesOrder());
        data.put("customer", invoice.customer());
        ArrayNode lines = data.putArray("lines");
        for (InvoiceIssuedLine line : invoice.lines()) {
            ObjectNode node = lines.addObject();
            node.put("soLine", line.soLine());
            node.put("item", line.item());
            node.put("quantity", line.quantity());
            node.put("unitPrice", line.unitPrice());
            node.put("amount", money(line.amount()));
        }
        data.put("netAmount", money(invoice.netAmount()));
        data.put("taxAmount", money(invoice.taxAmount()));
        data.put("totalAmount", money(invoice.totalAmount()));
        return data;
    }

    static ObjectNode variance(VarianceSettled settled) {
        ObjectNode data = OutboxJson.object();
        data.put("orderId", settled.orderId());
        data.put("item", settled.item());
        data.put("completedQuantity", settled.completedQuantity());
        data.put("scrappedQuantity", settled.scrappedQuantity());
        data.put("variance", money(settled.variance()));
        data.put("account", settled.account());
        return data;
    }

    private static BigDecimal money(BigDecimal amount) {
        return Amounts.money(amount);
    }
}
