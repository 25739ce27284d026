package io.millrace.accounting.event;

import java.math.BigDecimal;

/**
 * The second step of a transfer between plants: the receiving plant takes the stock out of
 * transit into {@code toLocation}. The hub publishes it itself (source {@link #HUB_SOURCE}, the
 * receiving plant as its plant) once the sending plant's {@code stock.transferred} has posted, so
 * that it is applied in the receiving plant's order, never in the sender's.
 */
public record TransferReceived(String transferTrackingId, String transferId, String item, String lot,
                               BigDecimal quantity, String uom, String fromPlant, String toLocation)
        implements ManufacturingEvent {
    public static final String TYPE = "mfg.inventory.transfer.received";

    /** The source of the receipts the hub derives from transfers between plants. */
    public static final String HUB_SOURCE = "urn:millrace:hub:transfers";

    @Override
    public String type() {
        return TYPE;
    }

    /**
     * {@code transfer:<tracking id of the transfer>}: a key of its own, so that the arrival never
     * waits behind events of its lot that are parked because they wait for this very stock.
     */
    @Override
    public String businessKey() {
        return key(transferTrackingId);
    }

    public static String key(String transferTrackingId) {
        return "transfer:" + transferTrackingId;
    }

    /** The CloudEvents id of the receipt of a transfer: one per transfer, so that deriving it again is a duplicate. */
    public static String eventId(String transferTrackingId) {
        return "transfer-received-" + transferTrackingId;
    }
}
