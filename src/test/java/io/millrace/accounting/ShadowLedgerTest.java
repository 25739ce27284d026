package io.millrace.accounting;

import static io.millrace.accounting.WorkedExample.d;
import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.accounting.event.ManufacturingEvent;
import io.millrace.accounting.master.Bom;
import io.millrace.accounting.master.BomComponent;
import io.millrace.accounting.posting.PostingSettings;
import io.millrace.accounting.replay.LedgerDifference;
import io.millrace.accounting.replay.ProposedMasterData;
import io.millrace.accounting.replay.ShadowLedger;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Replaying the worked example with proposed master data into scratch books. */
class ShadowLedgerTest {

    private final Harness real = new Harness();
    private final Set<String> trackingIds = new HashSet<>();

    private ShadowLedger replayWith(Map<String, BigDecimal> costs, List<Bom> boms) {
        List<ManufacturingEvent> events = WorkedExample.events();
        events.forEach(real::post);
        ShadowLedger shadow = new ShadowLedger(new ProposedMasterData(real.master, costs, boms),
                PostingSettings.defaults());
        for (int i = 0; i < events.size(); i++) {
            ShadowLedger.Replayed replayed = new ShadowLedger.Replayed(
                    WorkedExample.context("P100", events.get(i), i + 1, WorkedExample.START), events.get(i));
            trackingIds.add(replayed.context().trackingId());
            shadow.replay(replayed);
        }
        return shadow;
    }

    @Test
    void aHigherStandardCostOfSteelShowsItsEffectPerAccountAndOrder() {
        ShadowLedger shadow = replayWith(Map.of("RM-STEEL", d("2.50")), List.of());

        List<LedgerDifference.Row> rows = LedgerDifference.between(real.books.journal().all(),
                shadow.books().journal().all(), trackingIds, p -> true);

        assertThat(rows).extracting(r -> r.plant() + " " + r.account() + " " + r.order() + " " + r.difference())
                .containsExactly("P100 1400 null 205.00", "P100 5100 null -500.00", "P100 5200 MO-1 295.00");
        assertThat(rows.get(0).real()).isEqualByComparingTo("1115.00");
        assertThat(rows.get(0).shadow()).isEqualByComparingTo("1320.00");
        assertThat(shadow.posted()).isEqualTo(16);
        assertThat(real.master.item("RM-STEEL").orElseThrow().standardCost()).isEqualByComparingTo("2.00");
        assertThat(real.invariants().violations(real.books)).isEmpty();
    }

    @Test
    void theSameMasterDataReplaysToNoDifference() {
        ShadowLedger shadow = replayWith(Map.of(), List.of());
        assertThat(LedgerDifference.between(real.books.journal().all(), shadow.books().journal().all(), trackingIds,
                p -> true)).isEmpty();
    }

    @Test
    void aChangedBillOfMaterialChangesBackflushedConsumption() {
        List<ManufacturingEvent> events = WorkedExample.events();
        ShadowLedger shadow = replayWith(Map.of(), List.of(new Bom("FG-BRACKET",
                List.of(new BomComponent("RM-STEEL", d("2"))))));
        assertThat(shadow.posted()).isEqualTo(events.size());
        assertThat(shadow.books().orders().find("MO-1").orElseThrow().bom())
                .containsExactly(new BomComponent("RM-STEEL", d("2")));
    }
}
