package io.millrace.accounting.event;

import java.util.List;

public record InvoiceReceived(String invoiceId, String supplier, String currency, List<InvoiceLine> lines)
        implements ManufacturingEvent {
    public static final String TYPE = "mfg.procurement.invoice.received";

    public InvoiceReceived {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String businessKey() {
        return lines.isEmpty() ? "invoice:" + invoiceId : "po:" + lines.get(0).purchaseOrder();
    }
}
