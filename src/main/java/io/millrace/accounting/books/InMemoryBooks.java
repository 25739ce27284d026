package io.millrace.accounting.books;

import io.millrace.accounting.ledger.JournalEntry;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The complete books in memory, for tests and for running the core alone. Thread-safe (one lock). */
public final class InMemoryBooks implements Books {

    private final Object lock = new Object();
    private final Journal journal = new Journal();
    private final Inventory inventory = new Inventory();
    private final Orders orders = new Orders();
    private final PoLines poLines = new PoLines();
    private final Receipts receipts = new Receipts();
    private final SoLines soLines = new SoLines();
    private final Periods periods = new Periods();
    private final InTransit inTransit = new InTransit();

    @Override
    public JournalEntries journal() {
        return journal;
    }

    @Override
    public InventoryBalances inventory() {
        return inventory;
    }

    @Override
    public ProductionOrders orders() {
        return orders;
    }

    @Override
    public PurchaseOrderLines purchaseOrderLines() {
        return poLines;
    }

    @Override
    public ReceiptLots receiptLots() {
        return receipts;
    }

    @Override
    public SalesOrderLines salesOrderLines() {
        return soLines;
    }

    @Override
    public AccountingPeriods periods() {
        return periods;
    }

    @Override
    public TransfersInTransit transfersInTransit() {
        return inTransit;
    }

    private final class Journal implements JournalEntries {
        private final Map<String, JournalEntry> entries = new LinkedHashMap<>();

        @Override
        public void add(JournalEntry entry) {
            synchronized (lock) {
                if (entries.putIfAbsent(entry.entryId(), entry) != null) {
                    throw new IllegalStateException("journal entry " + entry.entryId() + " exists already");
                }
            }
        }

        @Override
        public Optional<JournalEntry> find(String entryId) {
            synchronized (lock) {
                return Optional.ofNullable(entries.get(entryId));
            }
        }

        @Override
        public List<JournalEntry> forEvent(String trackingId) {
            synchronized (lock) {
                return entries.values().stream().filter(e -> e.source().trackingId().equals(trackingId)).toList();
            }
        }

        @Override
        public List<JournalEntry> inPeriod(YearMonth period) {
            synchronized (lock) {
                return entries.values().stream().filter(e -> e.period().equals(period)).toList();
            }
        }

        @Override
        public List<JournalEntry> all() {
            synchronized (lock) {
                return List.copyOf(entries.values());
            }
        }
    }

    private final class Inventory implements InventoryBalances {
        private final Map<StockKey, StockBalance> balances = new LinkedHashMap<>();

        @Override
        public Optional<StockBalance> find(StockKey key) {
            synchronized (lock) {
                return Optional.ofNullable(balances.get(key));
            }
        }

        @Override
        public List<StockBalance> atLocation(String plant, String location, String item) {
            synchronized (lock) {
                return balances.values().stream()
                        .filter(b -> b.key().plant().equals(plant) && b.key().location().equals(location)
                                && b.key().item().equals(item))
                        .toList();
            }
        }

        @Override
        public BigDecimal plantQuantity(String plant, String item) {
            synchronized (lock) {
                return balances.values().stream()
                        .filter(b -> b.key().plant().equals(plant) && b.key().item().equals(item))
                        .map(StockBalance::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
            }
        }

        @Override
        public void save(StockBalance balance) {
            synchronized (lock) {
                if (balance.quantity().signum() == 0) {
                    balances.remove(balance.key());
                } else {
                    balances.put(balance.key(), balance);
                }
            }
        }

        @Override
        public List<StockBalance> all() {
            synchronized (lock) {
                return List.copyOf(balances.values());
            }
        }
    }

    private final class Orders implements ProductionOrders {
        private final Map<String, ProductionOrder> orders = new TreeMap<>();

        @Override
        public Optional<ProductionOrder> find(String orderId) {
            synchronized (lock) {
                return Optional.ofNullable(orders.get(orderId));
            }
        }

        @Override
        public void save(ProductionOrder order) {
            synchronized (lock) {
                orders.put(order.orderId(), order);
            }
        }

        @Override
        public List<ProductionOrder> all() {
            synchronized (lock) {
                return List.copyOf(orders.values());
            }
        }
    }

    private final class PoLines implements PurchaseOrderLines {
        private final Map<String, PurchaseOrderLineProgress> lines = new TreeMap<>();

        @Override
        public Optional<PurchaseOrderLineProgress> find(String purchaseOrder, int line) {
            synchronized (lock) {
                return Optional.ofNullable(lines.get(purchaseOrder + "/" + line));
            }
        }

        @Override
        public void save(PurchaseOrderLineProgress progress) {
            synchronized (lock) {
                lines.put(progress.purchaseOrder() + "/" + progress.line(), progress);
            }
        }

        @Override
        public List<PurchaseOrderLineProgress> all() {
            synchronized (lock) {
                return List.copyOf(lines.values());
            }
        }
    }

    private final class Receipts implements ReceiptLots {
        private final Map<String, ReceiptLot> receipts = new LinkedHashMap<>();

        @Override
        public List<ReceiptLot> forLot(String item, String lot) {
            synchronized (lock) {
                return receipts.values().stream().filter(r -> r.item().equals(item) && r.lot().equals(lot))
                        .sorted(Comparator.comparing(ReceiptLot::receivedAt)).toList();
            }
        }

        @Override
        public void save(ReceiptLot receipt) {
            synchronized (lock) {
                receipts.put(receipt.purchaseOrder() + "/" + receipt.line() + "/" + receipt.item() + "/"
                        + receipt.lot(), receipt);
            }
        }

        @Override
        public List<ReceiptLot> all() {
            synchronized (lock) {
                return List.copyOf(receipts.values());
            }
        }
    }

    private final class SoLines implements SalesOrderLines {
        private final Map<String, SalesOrderLineProgress> lines = new TreeMap<>();

        @Override
        public Optional<SalesOrderLineProgress> find(String salesOrder, int line) {
            synchronized (lock) {
                return Optional.ofNullable(lines.get(salesOrder + "/" + line));
            }
        }

        @Override
        public void save(SalesOrderLineProgress progress) {
            synchronized (lock) {
                lines.put(progress.salesOrder() + "/" + progress.line(), progress);
            }
        }

        @Override
        public List<SalesOrderLineProgress> all() {
            synchronized (lock) {
                return List.copyOf(lines.values());
            }
        }
    }

    private final class Periods implements AccountingPeriods {
        private final Map<YearMonth, ClosedPeriod> closed = new TreeMap<>();

        @Override
        public boolean isClosed(YearMonth period) {
            synchronized (lock) {
                return closed.containsKey(period);
            }
        }

        @Override
        public void close(ClosedPeriod period) {
            synchronized (lock) {
                closed.putIfAbsent(period.period(), period);
            }
        }

        @Override
        public void reopen(YearMonth period) {
            synchronized (lock) {
                closed.remove(period);
            }
        }

        @Override
        public List<ClosedPeriod> closed() {
            synchronized (lock) {
                return new ArrayList<>(closed.values());
            }
        }
    }

    private final class InTransit implements TransfersInTransit {
        private final Map<String, TransferInTransit> transfers = new LinkedHashMap<>();

        @Override
        public Optional<TransferInTransit> find(String transferTrackingId) {
            synchronized (lock) {
                return Optional.ofNullable(transfers.get(transferTrackingId));
            }
        }

        @Override
        public void ship(TransferInTransit transfer) {
            synchronized (lock) {
                if (transfers.putIfAbsent(transfer.transferTrackingId(), transfer) != null) {
                    throw new IllegalStateException("transfer " + transfer.transferTrackingId() + " is shipped already");
                }
            }
        }

        @Override
        public void receive(String transferTrackingId) {
            synchronized (lock) {
                transfers.remove(transferTrackingId);
            }
        }

        @Override
        public List<TransferInTransit> all() {
            synchronized (lock) {
                return transfers.values().stream().sorted(Comparator.comparing(TransferInTransit::shippedAt)).toList();
            }
        }
    }
}
