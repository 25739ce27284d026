package io.millrace.accounting.books;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Stock that left one plant for another and is not received yet: the first step of a transfer
 * between plants. Keyed by the tracking id of the transfer that shipped it. {@code value} is what
 * the shipment put on the stock-in-transit account (quantity x the standard cost of that moment),
 * so that the receipt takes exactly that off again; {@code stockSince} is the age the stock keeps
 * at the receiving location.
 */
public record TransferInTransit(String transferTrackingId, String transferId, String fromPlant, String toPlant,
                                String item, String lot, BigDecimal quantity, String toLocation, BigDecimal value,
                                Instant stockSince, Instant shippedAt) {
}
