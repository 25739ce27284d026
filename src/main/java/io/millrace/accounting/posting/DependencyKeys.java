package io.millrace.accounting.posting;

/**
 * The vocabulary shared by {@link Outcome.Posted#changedKeys()} and
 * {@link Outcome.Parked#waitingFor()}: a parked event is worth retrying when a posted event
 * changed one of the keys it waits for.
 * <ul>
 *   <li>{@code order:<orderId>}: the order was released or closed;</li>
 *   <li>{@code stock:<plant>:<location>:<item>:<lot>}: the stock of a lot at a location changed
 *       (either status);</li>
 *   <li>{@code supply:<plant>:<item>}: the stock of an item at one of the plant's SUPPLY locations
 *       changed (backflush waits for it);</li>
 *   <li>{@code poline:<purchaseOrder>:<line>}: received or invoiced quantity of a PO line changed;</li>
 *   <li>{@code receipt:<item>:<lot>}: a lot was received from a supplier (a return to the vendor
 *       waits for it).</li>
 *   <li>{@code done:<trackingId>}: the event posted or became an exception (a reversal waits
 *       for the event it reverses).</li>
 * </ul>
 */
public final class DependencyKeys {

    private DependencyKeys() {
    }

    public static String order(String orderId) {
        return "order:" + orderId;
    }

    public static String stock(String plant, String location, String item, String lot) {
        return "stock:" + plant + ":" + location + ":" + item + ":" + lot;
    }

    public static String supply(String plant, String item) {
        return "supply:" + plant + ":" + item;
    }

    public static String receipt(String item, String lot) {
        return "receipt:" + item + ":" + lot;
    }

    public static String poLine(String purchaseOrder, int line) {
        return "poline:" + purchaseOrder + ":" + line;
    }

    public static String done(String trackingId) {
        return "done:" + trackingId;
    }
}
