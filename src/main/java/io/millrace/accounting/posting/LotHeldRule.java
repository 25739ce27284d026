package io.millrace.accounting.posting;

import io.millrace.accounting.books.StockKey;
import io.millrace.accounting.books.StockStatus;
import io.millrace.accounting.event.LotHeld;
import java.math.BigDecimal;

/** Moves a quantity of a lot from unrestricted to blocked stock; no journal entry. */
final class LotHeldRule implements PostingRule<LotHeld> {

    @Override
    public void apply(LotHeld event, PostingContext context) {
        moveStatus(context, event.item(), event.lot(), event.location(), event.quantity(),
                StockStatus.UNRESTRICTED, StockStatus.BLOCKED);
    }

    static void moveStatus(PostingContext context, String itemCode, String lot, String location, BigDecimal quantity,
                           StockStatus from, StockStatus to) {
        context.master().item(itemCode);
        context.master().location(location);
        BigDecimal checked = Lookups.positive(quantity, "quantity");
        StockKey source = new StockKey(context.plant(), location, itemCode, lot, from);
        java.time.Instant receivedAt = context.receivedAtOf(source);
        BigDecimal out = context.changeStock(source, checked.negate(), receivedAt);
        BigDecimal in = context.changeStock(source.withStatus(to), checked, receivedAt);
        if (out.add(in).signum() != 0) {
            throw new IllegalStateException("a status change altered the value of " + itemCode);
        }
    }
}
