package io.millrace.accounting.posting;

import io.millrace.accounting.books.StockStatus;
import io.millrace.accounting.event.LotReleased;

/** Moves a quantity of a lot from blocked back to unrestricted stock; no journal entry. */
final class LotReleasedRule implements PostingRule<LotReleased> {

    @Override
    public void apply(LotReleased event, PostingContext context) {
        LotHeldRule.moveStatus(context, event.item(), event.lot(), event.location(), event.quantity(),
                StockStatus.BLOCKED, StockStatus.UNRESTRICTED);
    }
}
