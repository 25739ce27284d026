package io.millrace.accounting.books;

import java.util.List;
import java.util.Optional;

/**
 * Transfers between plants that the sending plant has shipped and the receiving plant has not
 * received yet: the sub-ledger of the stock-in-transit account. The sending plant's lane ships,
 * the receiving plant's lane receives, so no transaction changes two plants' stock.
 */
public interface TransfersInTransit {

    Optional<TransferInTransit> find(String transferTrackingId);

    /** Records a shipment; a transfer is shipped once. */
    void ship(TransferInTransit transfer);

    /** Takes the received transfer out of transit. */
    void receive(String transferTrackingId);

    /** Every transfer in transit, oldest shipment first. */
    List<TransferInTransit> all();
}
