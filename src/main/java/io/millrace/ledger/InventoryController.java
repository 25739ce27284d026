package io.millrace.ledger;

import io.millrace.access.Caller;
import io.millrace.accounting.ledger.Amounts;
import io.millrace.accounting.master.Item;
import io.millrace.accounting.master.MasterData;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The inventory sub-ledger, valued at each item's current standard cost (api.md). */
@RestController
class InventoryController {

    private final LedgerQueries queries;
    private final MasterData master;

    InventoryController(LedgerQueries queries, MasterData master) {
        this.queries = queries;
        this.master = master;
    }

    @GetMapping("/api/v1/inventory")
    LedgerViews.InventoryView inventory(Caller caller, @RequestParam(required = false) String plant,
                                        @RequestParam(required = false) String item,
                                        @RequestParam(required = false) String lot,
                                        @RequestParam(required = false) String location) {
        caller.requireReadAll();
        LedgerQueries.StockFilter filter = new LedgerQueries.StockFilter(Params.code("plant", plant),
                Params.code("item", item), Params.code("lot", lot), Params.code("location", location));
        return new LedgerViews.InventoryView(queries.stock(filter).stream().map(row -> new LedgerViews.InventoryRow(
                row.plant(), row.location(), row.item(), row.lot(), row.status().name(), row.quantity(),
                master.item(row.item()).map(Item::standardCost).map(std -> Amounts.value(row.quantity(), std))
                        .orElse(null))).toList());
    }

    /** Transfers between plants on their way (ADR 0019): what account 1470 of the receiving plants holds. */
    @GetMapping("/api/v1/inventory/in-transit")
    LedgerViews.InTransitView inTransit(Caller caller, @RequestParam(required = false) String plant) {
        caller.requireReadAll();
        List<LedgerViews.InTransitRow> rows = queries.transfersInTransit(Params.code("plant", plant)).stream()
                .map(t -> new LedgerViews.InTransitRow(t.transferId(), t.transferTrackingId(), t.fromPlant(),
                        t.toPlant(), t.toLocation(), t.item(), t.lot(), t.quantity(), t.value(), t.shippedAt()))
                .toList();
        return new LedgerViews.InTransitView(rows, rows.stream().map(LedgerViews.InTransitRow::value)
                .reduce(Amounts.ZERO, BigDecimal::add));
    }
}
