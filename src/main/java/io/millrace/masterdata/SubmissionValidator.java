package io.millrace.masterdata;

import io.millrace.accounting.master.Bom;
import io.millrace.accounting.master.BomComponent;
import io.millrace.accounting.master.Item;
import io.millrace.accounting.master.Location;
import io.millrace.accounting.master.PurchaseOrder;
import io.millrace.accounting.master.SalesOrder;
import io.millrace.accounting.master.WorkCenter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The rules that span records: codes unique within the request, every reference known (in the
 * request or stored), order lines and BOM components unique, no BOM cycle (stored BOMs included),
 * and no change of how an item is valued while it has stock.
 */
final class SubmissionValidator {

    private final Submission submission;
    private final MasterDataSnapshot stored;
    private final StockPresence stock;
    private boolean revaluates;

    private SubmissionValidator(Submission submission, MasterDataSnapshot stored, StockPresence stock) {
        this.submission = submission;
        this.stored = stored;
        this.stock = stock;
    }

    /** A validator that lets standard costs of items in stock change: the stock is revalued. */
    static void validateRevaluing(Submission submission, MasterDataSnapshot stored, StockPresence stock) {
        SubmissionValidator validator = new SubmissionValidator(submission, stored, stock);
        validator.revaluates = true;
        validator.run();
    }

    /** Adds every cross-record error to the submission's errors. */
    static void validate(Submission submission, MasterDataSnapshot stored, StockPresence stock) {
        new SubmissionValidator(submission, stored, stock).run();
    }

    private void run() {
        unique(submission.plants, p -> p.code(), "code");
        unique(submission.locations, Location::code, "code");
        unique(submission.items, Item::code, "code");
        unique(submission.boms, Bom::item, "item");
        unique(submission.workCenters, WorkCenter::code, "code");
        unique(submission.suppliers, s -> s.code(), "code");
        unique(submission.purchaseOrders, PurchaseOrder::number, "number");
        unique(submission.customers, c -> c.code(), "code");
        unique(submission.salesOrders, SalesOrder::number, "number");
        for (Entry<Location> e : submission.locations) {
            reference(e.where(), "plant", MasterDataKind.PLANTS, e.value().plant());
        }
        for (Entry<WorkCenter> e : submission.workCenters) {
            reference(e.where(), "plant", MasterDataKind.PLANTS, e.value().plant());
        }
        submission.items.forEach(this::valuationKept);
        submission.boms.forEach(this::bom);
        submission.purchaseOrders.forEach(this::purchaseOrder);
        submission.salesOrders.forEach(this::salesOrder);
        new BomCycles(submission, stored).report();
    }

    private <T> void unique(List<Entry<T>> entries, Function<T, String> key, String field) {
        Map<String, Where> first = new HashMap<>();
        for (Entry<T> e : entries) {
            String code = key.apply(e.value());
            Where earlier = first.putIfAbsent(code, e.where());
            if (earlier != null) {
                submission.errors.add(e.where().error(field, "'" + code + "' appears more than once in the request (first at "
                        + earlier.pointer(null) + ")"));
            }
        }
    }

    private void bom(Entry<Bom> e) {
        reference(e.where(), "item", MasterDataKind.ITEMS, e.value().item());
        Map<String, Integer> seen = new HashMap<>();
        List<BomComponent> components = e.value().components();
        for (int j = 0; j < components.size(); j++) {
            Where at = e.parts().get(j);
            String item = components.get(j).item();
            reference(at, "item", MasterDataKind.ITEMS, item);
            if (seen.putIfAbsent(item, j) != null) {
                submission.errors.add(at.error("item", "component '" + item + "' appears more than once in the BOM of "
                        + e.value().item()));
            }
        }
    }

    private void purchaseOrder(Entry<PurchaseOrder> e) {
        PurchaseOrder order = e.value();
        reference(e.where(), "supplier", MasterDataKind.SUPPLIERS, order.supplier());
        reference(e.where(), "plant", MasterDataKind.PLANTS, order.plant());
        lines(e, order.number(), order.lines().stream().map(l -> new Line(l.line(), l.item())).toList());
    }

    private void salesOrder(Entry<SalesOrder> e) {
        SalesOrder order = e.value();
        reference(e.where(), "customer", MasterDataKind.CUSTOMERS, order.customer());
        reference(e.where(), "plant", MasterDataKind.PLANTS, order.plant());
        lines(e, order.number(), order.lines().stream().map(l -> new Line(l.line(), l.item())).toList());
    }

    private void lines(Entry<?> e, String number, List<Line> lines) {
        Map<Integer, Integer> seen = new HashMap<>();
        for (int j = 0; j < lines.size(); j++) {
            Where at = e.parts().get(j);
            reference(at, "item", MasterDataKind.ITEMS, lines.get(j).item());
            if (seen.putIfAbsent(lines.get(j).line(), j) != null) {
                submission.errors.add(at.error("line", "line " + lines.get(j).line()
                        + " appears more than once in order " + number));
            }
        }
    }

    /** Standard cost, valuation class and base unit of an item with stock are frozen. */
    private void valuationKept(Entry<Item> e) {
        Item now = stored.items().get(e.value().code());
        if (now == null) {
            return;
        }
        Item next = e.value();
        boolean costChanges = now.standardCost().compareTo(next.standardCost()) != 0;
        boolean classChanges = now.valuationClass() != next.valuationClass();
        boolean uomChanges = !now.baseUom().equals(next.baseUom());
        if (!(costChanges || classChanges || uomChanges) || !stock.hasStock(next.code())) {
            return;
        }
        String why = " while item " + next.code() + " has stock: its inventory is valued with it; "
                + "move the stock out first or keep the current value";
        if (costChanges && !revaluates) {
            submission.errors.add(e.where().error("standardCost", "cannot change the standard cost of "
                    + next.code() + " from " + now.standardCost().toPlainString() + " to "
                    + next.standardCost().toPlainString() + why));
        }
        if (classChanges) {
            submission.errors.add(e.where().error("valuationClass", "cannot change the valuation class of "
                    + next.code() + " from " + now.valuationClass() + " to " + next.valuationClass() + why));
        }
        if (uomChanges) {
            submission.errors.add(e.where().error("baseUom", "cannot change the base unit of measure of "
                    + next.code() + " from " + now.baseUom() + " to " + next.baseUom() + why));
        }
    }

    private void reference(Where at, String field, MasterDataKind kind, String code) {
        if (code == null || submission.declares(kind, code) || stored.of(kind).containsKey(code)) {
            return;
        }
        submission.errors.add(at.error(field, "unknown " + singular(kind) + " '" + code
                + "': it is neither in this request nor stored"));
    }

    static String singular(MasterDataKind kind) {
        return switch (kind) {
            case PLANTS -> "plant";
            case LOCATIONS -> "location";
            case ITEMS -> "item";
            case BOMS -> "bill of material";
            case WORK_CENTERS -> "work centre";
            case SUPPLIERS -> "supplier";
            case PURCHASE_ORDERS -> "purchase order";
            case CUSTOMERS -> "customer";
            case SALES_ORDERS -> "sales order";
        };
    }

    private record Line(int line, String item) {
        Line {
            Objects.requireNonNull(item);
        }
    }
}
