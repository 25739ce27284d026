package io.millrace.masterdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.accounting.master.BomComponent;
import io.millrace.audit.AuditLog;
import io.millrace.audit.InMemoryAuditRecords;
import java.time.Clock;
import io.millrace.accounting.master.PurchaseOrderLine;
import io.millrace.testing.TestDatabase;
import io.millrace.web.ApiProblem;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The master-data store, its upserts and its cache, on both databases. */
class MasterDataStoreContractIT {

    private TestDatabase db;

    /** One hub instance's view of the shared database. */
    private final class Instance {
        final List<Object> events = new CopyOnWriteArrayList<>();
        final JdbcMasterDataStore store = new JdbcMasterDataStore(new JdbcTemplate(db.dataSource()));
        final ApplicationEventPublisher publisher = events::add;
        final CachedMasterData cache = new CachedMasterData(store, publisher);
        final MasterDataUpserts upserts = new MasterDataUpserts(store, cache,
                new TransactionTemplate(new DataSourceTransactionManager(db.dataSource())), StockPresence::none, publisher,
                new AuditLog(new InMemoryAuditRecords(), Clock.systemUTC()));

        Map<String, UpsertCounts> upsert(String json) {
            return upserts.upsert(Submissions.json(json), "key:test");
        }
    }

    private Instance start(TestDatabase.Kind kind) {
        db = TestDatabase.create(kind);
        return new Instance();
    }

    @AfterEach
    void dropDatabase() {
        if (db != null) {
            db.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void storesEveryKindAndReadsItBackWithExactDecimals(TestDatabase.Kind kind) {
        Instance hub = start(kind);
        Submission demo = Submissions.json(Submissions.demoJson());

        Map<String, UpsertCounts> counts = hub.upserts.upsert(demo, "key:test");

        assertThat(counts).containsEntry("items", new UpsertCounts(8, 0, 0)).containsEntry("plants", new UpsertCounts(2, 0, 0));
        MasterDataSnapshot stored = hub.store.load();
        assertThat(stored.items().values()).containsExactlyInAnyOrderElementsOf(demo.items.stream().map(Entry::value).toList());
        assertThat(stored.boms().values()).containsExactlyInAnyOrderElementsOf(demo.boms.stream().map(Entry::value).toList());
        assertThat(stored.purchaseOrders().values())
                .containsExactlyInAnyOrderElementsOf(demo.purchaseOrders.stream().map(Entry::value).toList());
        assertThat(stored.salesOrders().values())
                .containsExactlyInAnyOrderElementsOf(demo.salesOrders.stream().map(Entry::value).toList());
        assertThat(stored.workCenters().get("WC-PRESS").laborRate()).isEqualTo(new BigDecimal("0.50"));
        assertThat(stored.boms().get("FG-BRACKET").components().get(1).quantityPer()).isEqualTo(new BigDecimal("0.2"));
        assertThat(hub.cache.locationsOf("P100")).extracting(l -> l.code())
                .containsExactly("P100-FG", "P100-LINE", "P100-QA", "P100-RM", "P100-SHIP");
        assertThat(hub.cache.purchaseOrder("4500002").orElseThrow().line(10).orElseThrow().quantity())
                .isEqualTo(new BigDecimal("100000000"));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void secondIdenticalUpsertChangesNothingAndKeepsTheVersion(TestDatabase.Kind kind) {
        Instance hub = start(kind);
        hub.upserts.upsert(Submissions.json(Submissions.demoJson()), "key:test");
        long version = hub.store.version();
        hub.events.clear();

        Map<String, UpsertCounts> counts = hub.upserts.upsert(Submissions.json(Submissions.demoJson()), "key:test");

        assertThat(counts.values()).allSatisfy(c -> {
            assertThat(c.created()).isZero();
            assertThat(c.updated()).isZero();
        });
        assertThat(counts.get("salesOrders").unchanged()).isEqualTo(4);
        assertThat(hub.store.version()).isEqualTo(version);
        assertThat(hub.events).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void updateReplacesOrderLinesAndBomComponentsAndPublishesWhatChanged(TestDatabase.Kind kind) {
        Instance hub = start(kind);
        hub.upserts.upsert(Submissions.json(Submissions.demoJson()), "key:test");
        hub.events.clear();

        Map<String, UpsertCounts> counts = hub.upsert("""
                {"boms": [{"item": "FG-BRACKET", "components": [{"item": "RM-STEEL", "quantityPer": 2.75}]}],
                 "purchaseOrders": [{"number": "4500001", "supplier": "S-ACME", "plant": "P100",
                   "lines": [{"line": 30, "item": "RM-PAINT", "quantity": 7.125, "unitPrice": 4.9}]}]}""");

        assertThat(counts).containsEntry("boms", new UpsertCounts(0, 1, 0))
                .containsEntry("purchaseOrders", new UpsertCounts(0, 1, 0)).hasSize(2);
        MasterDataSnapshot stored = hub.store.load();
        assertThat(stored.boms().get("FG-BRACKET").components())
                .containsExactly(new BomComponent("RM-STEEL", new BigDecimal("2.75")));
        assertThat(stored.purchaseOrders().get("4500001").lines())
                .containsExactly(new PurchaseOrderLine(30, "RM-PAINT", new BigDecimal("7.125"), new BigDecimal("4.90")));
        assertThat(hub.cache.bom("FG-BRACKET").orElseThrow().components()).hasSize(1);
        assertThat(hub.events).singleElement().isInstanceOfSatisfying(MasterDataChanged.class, changed -> {
            assertThat(changed.kinds()).containsExactlyInAnyOrder(MasterDataKind.BOMS, MasterDataKind.PURCHASE_ORDERS);
            assertThat(changed.codes(MasterDataKind.PURCHASE_ORDERS)).containsExactly("4500001");
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void invalidSubmissionStoresNothing(TestDatabase.Kind kind) {
        Instance hub = start(kind);

        assertThatThrownBy(() -> hub.upsert("""
                {"plants": [{"code": "P100"}],
                 "items": [{"code": "A", "valuationClass": "RAW", "baseUom": "ea", "standardCost": 1},
                           {"code": "B", "valuationClass": "RAW", "baseUom": "ea", "standardCost": -1}]}"""))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.errors()).singleElement()
                        .satisfies(e -> assertThat(e.pointer()).isEqualTo("/items/1/standardCost")));

        MasterDataSnapshot stored = hub.store.load();
        assertThat(stored.plants()).isEmpty();
        assertThat(stored.items()).isEmpty();
        assertThat(stored.version()).isZero();
        assertThat(hub.events).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void anotherInstancesUpsertBecomesVisibleAtTheNextVersionCheck(TestDatabase.Kind kind) {
        Instance first = start(kind);
        Instance second = new Instance();

        first.upsert("""
                {"plants": [{"code": "P100", "name": "Main"}],
                 "items": [{"code": "RM-A", "valuationClass": "RAW", "baseUom": "kg", "standardCost": 2.5}]}""");
        assertThat(second.cache.item("RM-A")).isEmpty();

        second.cache.checkForChanges();

        assertThat(second.cache.item("RM-A")).isPresent();
        assertThat(second.events).singleElement().isEqualTo(new MasterDataChanged(Map.of(
                MasterDataKind.PLANTS, Set.of("P100"), MasterDataKind.ITEMS, Set.of("RM-A"))));
        second.cache.checkForChanges();
        assertThat(second.events).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void upsertValidatesAgainstWhatAnotherInstanceStored(TestDatabase.Kind kind) {
        Instance first = start(kind);
        Instance second = new Instance();
        first.upsert("""
                {"plants": [{"code": "P100"}], "suppliers": [{"code": "S-1"}],
                 "items": [{"code": "RM-A", "valuationClass": "RAW", "baseUom": "kg", "standardCost": 2.5}]}""");

        Map<String, UpsertCounts> counts = second.upsert("""
                {"purchaseOrders": [{"number": "PO-1", "supplier": "S-1", "plant": "P100",
                   "lines": [{"line": 1, "item": "RM-A", "quantity": 1, "unitPrice": 2.5}]}]}""");

        assertThat(counts).containsEntry("purchaseOrders", new UpsertCounts(1, 0, 0));
        assertThat(second.cache.purchaseOrder("PO-1")).isPresent();
        assertThat(second.cache.item("RM-A")).isPresent();
    }
}
