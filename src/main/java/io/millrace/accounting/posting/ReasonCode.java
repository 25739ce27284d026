package io.millrace.accounting.posting;

/**
 * Why an event did not post. A {@link #waits() waiting} reason parks the event (what it needs may
 * still arrive); every other reason is an exception at once.
 */
public enum ReasonCode {
    /** The plant of the event is not in the master data. */
    UNKNOWN_PLANT(false),
    UNKNOWN_ITEM(false),
    UNKNOWN_LOCATION(false),
    /** The location exists but belongs to another plant than the event (or the transfer's toPlant). */
    LOCATION_NOT_IN_PLANT(false),
    UNKNOWN_WORK_CENTER(false),
    UNKNOWN_SUPPLIER(false),
    UNKNOWN_CUSTOMER(false),
    UNKNOWN_PURCHASE_ORDER(false),
    UNKNOWN_PO_LINE(false),
    UNKNOWN_SALES_ORDER(false),
    UNKNOWN_SO_LINE(false),
    /** The item of a released order, or a backflushed order, has no bill of material. */
    UNKNOWN_BOM(false),
    /** The event names an item, supplier or customer other than its order's (PO, SO or production). */
    REFERENCE_MISMATCH(false),
    UOM_NOT_BASE_UNIT(false),
    /** Quantity not positive, more than 6 decimals, or an empty invoice or shipment. */
    INVALID_DATA(false),
    /** Stock would go negative: waits for the receipt, move or completion that brings it. */
    NEGATIVE_STOCK(true),
    /** No released order of that id yet: waits for the release. */
    ORDER_NOT_RELEASED(true),
    ORDER_ALREADY_RELEASED(false),
    ORDER_CLOSED(false),
    RECEIPT_OVER_OPEN_QUANTITY(false),
    /**
     * A return to the vendor of more of a lot than was received from a supplier in the plant and
     * not returned yet: waits for the receipt (it may be on its way).
     */
    RETURN_NOT_RECEIVED(true),
    /** Invoice quantity above received minus invoiced, but within the PO line: waits for the receipt. */
    INVOICE_QUANTITY_NOT_RECEIVED(true),
    /** Price outside the tolerance, or a quantity no receipt can ever cover: an operator decides. */
    THREE_WAY_MATCH_FAILED(false),
    /** An invoice in a currency other than the company's, and no exchange rate for its date. */
    EXCHANGE_RATE_MISSING(false),
    /** The hub's receipt of a transfer between plants names a transfer that is not in transit (any more). */
    TRANSFER_NOT_IN_TRANSIT(false),
    /** The event to reverse is not in the log. */
    REVERSAL_UNKNOWN_EVENT(false),
    /** The event to reverse is still pending or parked: the reversal waits until it posts. */
    REVERSAL_NOT_YET_POSTED(true),
    /** The event to reverse never posted (it is an exception): there is nothing to reverse. */
    REVERSAL_NOT_POSTED(false),
    REVERSAL_ALREADY_REVERSED(false),
    /** The stock the event brought is no longer there (consumed, moved, shipped). */
    REVERSAL_STOCK_USED(false),
    /** The event's production order is closed (settled): reverse the close first. */
    REVERSAL_ORDER_CLOSED(false),
    /** The receipt is invoiced already: reverse the invoice first. */
    REVERSAL_ALREADY_INVOICED(false),
    /** Events of this kind are not reversed (an order release, a return to the vendor, a reversal). */
    REVERSAL_NOT_SUPPORTED(false),
    /** A producer may reverse only events of its own source and plant. */
    REVERSAL_OUT_OF_SCOPE(false);

    private final boolean waits;

    ReasonCode(boolean waits) {
        this.waits = waits;
    }

    /** True when the event is parked rather than raised as an exception at once. */
    public boolean waits() {
        return waits;
    }

    /** True for reasons an operator may approve (post despite the failed match). */
    public boolean approvable() {
        return this == THREE_WAY_MATCH_FAILED || this == INVOICE_QUANTITY_NOT_RECEIVED;
    }
}
