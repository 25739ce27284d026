package io.millrace.masterdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.accounting.master.Bom;
import io.millrace.accounting.master.BomComponent;
import io.millrace.accounting.master.Item;
import io.millrace.accounting.master.ValuationClass;
import java.math.BigDecimal;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoMasterDataTest {

    @Test
    void demoMasterDataPassesEveryValidationRule() {
        Submission demo = Submissions.json(Submissions.demoJson());
        SubmissionValidator.validate(demo, MasterDataSnapshot.empty(), StockPresence.none());

        assertThat(demo.errors).isEmpty();
        assertThat(demo.kinds).containsExactly(MasterDataKind.values());
        assertThat(demo.plants).extracting(e -> e.value().code()).containsExactly("P100", "P200");
    }

    @Test
    void demoMasterDataHoldsTheWorkedExampleOfThePostingRules() {
        Submission demo = Submissions.json(Submissions.demoJson());
        Map<String, Item> items = demo.items.stream().map(Entry::value)
                .collect(Collectors.toMap(Item::code, i -> i));
        assertThat(items.get("RM-STEEL").standardCost()).isEqualByComparingTo("2.00");
        assertThat(items.get("RM-PAINT").standardCost()).isEqualByComparingTo("5.00");
        assertThat(items.get("FG-BRACKET").standardCost()).isEqualByComparingTo("11.00");
        Bom bracket = demo.boms.stream().map(Entry::value).filter(b -> b.item().equals("FG-BRACKET")).findFirst().orElseThrow();
        assertThat(bracket.components()).containsExactly(new BomComponent("RM-STEEL", new BigDecimal("3")),
                new BomComponent("RM-PAINT", new BigDecimal("0.2")));
        assertThat(demo.purchaseOrders.get(0).value().line(20).orElseThrow().unitPrice()).isEqualByComparingTo("4.80");
        assertThat(demo.salesOrders.get(0).value().line(10).orElseThrow().quantity()).isEqualByComparingTo("300");
    }

    @Test
    void demoPlantP200MakesAFinishedItemFromASemiFinishedOneWithItsOwnBom() {
        Submission demo = Submissions.json(Submissions.demoJson());
        Map<String, Item> items = demo.items.stream().map(Entry::value)
                .collect(Collectors.toMap(Item::code, i -> i));
        Map<String, Bom> boms = demo.boms.stream().map(Entry::value).collect(Collectors.toMap(Bom::item, b -> b));
        Bom finished = boms.values().stream()
                .filter(b -> items.get(b.item()).valuationClass() == ValuationClass.FINISHED)
                .filter(b -> b.components().stream().anyMatch(c -> boms.containsKey(c.item())
                        && items.get(c.item()).valuationClass() == ValuationClass.SEMI))
                .findFirst().orElseThrow();
        assertThat(finished.item()).isEqualTo("FG-WINCH");
        assertThat(demo.purchaseOrders).extracting(e -> e.value().lines().get(0).quantity())
                .anySatisfy(q -> assertThat(q).isEqualByComparingTo("100000000"));
    }
}
