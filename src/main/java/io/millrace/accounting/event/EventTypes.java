package io.millrace.accounting.event;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The v1 event types: CloudEvents type string to the record class its {@code data} binds to. */
public final class EventTypes {

    private static final Map<String, Class<? extends ManufacturingEvent>> TYPES = new LinkedHashMap<>();

    static {
        TYPES.put(OrderReleased.TYPE, OrderReleased.class);
        TYPES.put(MaterialConsumed.TYPE, MaterialConsumed.class);
        TYPES.put(OperationConfirmed.TYPE, OperationConfirmed.class);
        TYPES.put(ScrapDeclared.TYPE, ScrapDeclared.class);
        TYPES.put(OrderCompleted.TYPE, OrderCompleted.class);
        TYPES.put(OrderClosed.TYPE, OrderClosed.class);
        TYPES.put(LotHeld.TYPE, LotHeld.class);
        TYPES.put(LotReleased.TYPE, LotReleased.class);
        TYPES.put(LotRejected.TYPE, LotRejected.class);
        TYPES.put(GoodsReceived.TYPE, GoodsReceived.class);
        TYPES.put(InvoiceReceived.TYPE, InvoiceReceived.class);
        TYPES.put(ShipmentConfirmed.TYPE, ShipmentConfirmed.class);
        TYPES.put(StockTransferred.TYPE, StockTransferred.class);
        TYPES.put(CountAdjusted.TYPE, CountAdjusted.class);
        TYPES.put(ReversalRequested.TYPE, ReversalRequested.class);
        TYPES.put(TransferReceived.TYPE, TransferReceived.class);
    }

    private EventTypes() {
    }

    /** The record class of a v1 type, empty for a type the hub does not know. */
    public static Optional<Class<? extends ManufacturingEvent>> classOf(String type) {
        return Optional.ofNullable(TYPES.get(type));
    }

    /** All v1 types, in the order of events.md. */
    public static Set<String> all() {
        return java.util.Collections.unmodifiableSet(TYPES.keySet());
    }

    /** Major versions that exist per type: v1 only. */
    public static boolean versionExists(String type, int major) {
        return TYPES.containsKey(type) && major == 1;
    }
}
