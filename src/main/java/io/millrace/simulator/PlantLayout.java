package io.millrace.simulator;

import io.millrace.accounting.master.Bom;
import io.millrace.accounting.master.BomComponent;
import io.millrace.accounting.master.Item;
import io.millrace.accounting.master.Location;
import io.millrace.accounting.master.LocationRole;
import io.millrace.accounting.master.PurchaseOrder;
import io.millrace.accounting.master.PurchaseOrderLine;
import io.millrace.accounting.master.SalesOrder;
import io.millrace.accounting.master.SalesOrderLine;
import io.millrace.accounting.master.ValuationClass;
import io.millrace.accounting.master.WorkCenter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What one plant has to work with, read once from the master data: its store, supply and
 * finished-goods locations, work centres, purchase and sales order lines, and the finished
 * products it can make and sell.
 */
record PlantLayout(String plant, String store, String supply, String finishedGoods,
                   List<WorkCenter> workCenters, List<PoLineRef> poLines, List<SoLineRef> soLines,
                   List<String> products, MasterDataSet master) {

    record PoLineRef(String purchaseOrder, String supplier, int line, String item,
                     java.math.BigDecimal quantity, java.math.BigDecimal unitPrice) {
    }

    record SoLineRef(String salesOrder, String customer, int line, String item,
                     java.math.BigDecimal quantity, java.math.BigDecimal unitPrice) {
    }

    static PlantLayout of(MasterDataSet master, String plant) {
        if (master.plant(plant).isEmpty()) {
            throw new IllegalArgumentException("unknown plant " + plant + " (the master data has "
                    + master.plants().stream().map(p -> p.code()).toList() + ")");
        }
        List<Location> locations = master.locationsOf(plant);
        String store = first(locations, LocationRole.STORE, plant);
        String supply = first(locations, LocationRole.SUPPLY, plant);
        String fg = first(locations, LocationRole.FG, plant);
        List<WorkCenter> workCenters = master.workCenters().stream().filter(w -> w.plant().equals(plant))
                .sorted(Comparator.comparing(WorkCenter::code)).toList();
        if (workCenters.isEmpty()) {
            throw new IllegalArgumentException("plant " + plant + " has no work centre to confirm operations at");
        }
        List<PoLineRef> poLines = new ArrayList<>();
        master.purchaseOrders().stream().filter(po -> po.plant().equals(plant))
                .sorted(Comparator.comparing(PurchaseOrder::number))
                .forEach(po -> po.lines().stream().sorted(Comparator.comparingInt(PurchaseOrderLine::line))
                        .forEach(l -> poLines.add(new PoLineRef(po.number(), po.supplier(), l.line(), l.item(),
                                l.quantity(), l.unitPrice()))));
        List<SoLineRef> soLines = new ArrayList<>();
        master.salesOrders().stream().filter(so -> so.plant().equals(plant))
                .sorted(Comparator.comparing(SalesOrder::number))
                .forEach(so -> so.lines().stream().sorted(Comparator.comparingInt(SalesOrderLine::line))
                        .forEach(l -> soLines.add(new SoLineRef(so.number(), so.customer(), l.line(), l.item(),
                                l.quantity(), l.unitPrice()))));
        PlantLayout draft = new PlantLayout(plant, store, supply, fg, workCenters, poLines, soLines, List.of(), master);
        List<String> products = soLines.stream().map(SoLineRef::item).distinct()
                .filter(draft::producible).toList();
        if (products.isEmpty()) {
            throw new IllegalArgumentException("plant " + plant + " sells nothing it can make: no sales order line "
                    + "of an item whose bill of material is bought on its purchase orders");
        }
        return new PlantLayout(plant, store, supply, fg, workCenters, poLines, soLines, products, master);
    }

    Item item(String code) {
        return master.item(code).orElseThrow(() -> new IllegalArgumentException("unknown item " + code));
    }

    Optional<Bom> bom(String item) {
        return master.bom(item);
    }

    List<BomComponent> components(String item) {
        return bom(item).map(Bom::components).orElse(List.of());
    }

    boolean bought(String item) {
        return poLines.stream().anyMatch(l -> l.item().equals(item));
    }

    /** Made from components that are bought here or made here in turn (depth-limited against cycles). */
    boolean producible(String item) {
        return producible(item, 0);
    }

    private boolean producible(String item, int depth) {
        Optional<Bom> bom = bom(item);
        if (bom.isEmpty() || bom.get().components().isEmpty() || depth > 8 || master.item(item).isEmpty()) {
            return false;
        }
        return bom.get().components().stream()
                .allMatch(c -> master.item(c.item()).isPresent() && c.quantityPer().signum() > 0
                        && (bought(c.item()) || producible(c.item(), depth + 1)));
    }

    boolean semi(String item) {
        return item(item).valuationClass() != ValuationClass.FINISHED;
    }

    /** Where a finished order's output goes: semi-finished goods straight to the line that uses them. */
    String outputLocation(String item) {
        return semi(item) ? supply : finishedGoods;
    }

    private static String first(List<Location> locations, LocationRole role, String plant) {
        return locations.stream().filter(l -> l.role() == role).map(Location::code).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("plant " + plant + " has no " + role + " location"));
    }
}
