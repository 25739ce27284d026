package io.millrace.accounting;

import io.millrace.accounting.books.TransferInTransit;
import io.millrace.accounting.event.EventContext;
import io.millrace.accounting.event.TransferReceived;
import io.millrace.accounting.master.MasterData;

/** The hub's receipt of a transfer in transit, as its transit receipts publish it, for tests of the core. */
final class Transfers {

    private Transfers() {
    }

    static TransferReceived received(TransferInTransit transfer, MasterData master) {
        String uom = master.item(transfer.item()).orElseThrow().baseUom();
        return new TransferReceived(transfer.transferTrackingId(), transfer.transferId(), transfer.item(),
                transfer.lot(), transfer.quantity(), uom, transfer.fromPlant(), transfer.toLocation());
    }

    /** The receipt accepted for the receiving plant, at the shipment's time, from the hub's source. */
    static MiniPipeline.Accepted receipt(TransferInTransit transfer, MasterData master) {
        TransferReceived event = received(transfer, master);
        EventContext context = new EventContext("R-" + transfer.transferTrackingId(), TransferReceived.HUB_SOURCE,
                TransferReceived.eventId(transfer.transferTrackingId()), event.type(), transfer.toPlant(),
                transfer.transferId(), event.businessKey(), transfer.shippedAt(), transfer.shippedAt(), "hub");
        return new MiniPipeline.Accepted(context, event);
    }
}
