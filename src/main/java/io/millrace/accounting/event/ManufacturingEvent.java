package io.millrace.accounting.event;

/**
 * The payload of one accepted v1 event. Each record knows its CloudEvents type and its business
 * key, the key within which the hub applies events in acceptance order.
 */
public sealed interface ManufacturingEvent
        permits OrderReleased, MaterialConsumed, OperationConfirmed, ScrapDeclared, OrderCompleted,
        OrderClosed, LotHeld, LotReleased, LotRejected, GoodsReceived, InvoiceReceived, ShipmentConfirmed,
        StockTransferred, CountAdjusted, ReversalRequested, TransferReceived {

    /** The CloudEvents {@code type}, e.g. {@code mfg.production.order.completed}. */
    String type();

    /**
     * The business key of postings.md: {@code order:<id>} for production events,
     * {@code po:<number>} (of the first line) for receipts and invoices, {@code so:<number>} for
     * shipments and {@code lot:<item>:<lot>} for quality events, transfers and counts.
     */
    String businessKey();

    /**
     * Closing events (order close, count adjustment) wait until every earlier event of their key
     * has posted or become an exception.
     */
    default boolean closing() {
        return false;
    }

    static String lotKey(String item, String lot) {
        return "lot:" + item + ":" + lot;
    }
}
