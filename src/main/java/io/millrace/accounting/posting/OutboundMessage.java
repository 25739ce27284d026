package io.millrace.accounting.posting;

import io.millrace.accounting.ledger.JournalEntry;
import java.math.BigDecimal;
import java.util.List;

/**
 * An event the hub publishes through its outbox: its CloudEvents {@code type}, {@code subject},
 * {@code plant} and a typed payload (the {@code data}).
 */
public record OutboundMessage(String type, String subject, String plant, Payload payload) {

    public static final String JOURNAL_POSTED = "mfg.finance.journal.posted";
    public static final String INVOICE_ISSUED = "mfg.finance.invoice.issued";
    public static final String VARIANCE_SETTLED = "mfg.production.order.variance-settled";

    public sealed interface Payload permits JournalPosted, InvoiceIssued, VarianceSettled {
    }

    /** {@code mfg.finance.journal.posted}: one per journal entry. */
    public record JournalPosted(JournalEntry entry) implements Payload {
    }

    /** {@code mfg.finance.invoice.issued}: the customer invoice of a shipment. */
    public record InvoiceIssued(String invoiceId, String shipmentId, String salesOrder, String customer,
                                List<InvoiceIssuedLine> lines, BigDecimal netAmount, BigDecimal taxAmount,
                                BigDecimal totalAmount) implements Payload {
        public InvoiceIssued {
            lines = List.copyOf(lines);
        }
    }

    public record InvoiceIssuedLine(int soLine, String item, BigDecimal quantity, BigDecimal unitPrice,
                                    BigDecimal amount) {
    }

    /** {@code mfg.production.order.variance-settled}: the WIP balance settled to production variance. */
    public record VarianceSettled(String orderId, String item, BigDecimal completedQuantity,
                                  BigDecimal scrappedQuantity, BigDecimal variance, String account)
            implements Payload {
    }
}
