package io.millrace.masterdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BomCyclesTest {

    /** Items i may only use items j > i: an acyclic structure, to which one back edge adds a cycle. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void reportsACycleOnlyOnceABackEdgeClosesOne(long seed) {
        Random random = new Random(seed);
        int n = 6 + random.nextInt(10);
        List<String> items = new ArrayList<>();
        List<String> boms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add("{\"code\": \"I%d\", \"valuationClass\": \"SEMI\", \"baseUom\": \"ea\", \"standardCost\": 1}".formatted(i));
        }
        for (int i = 0; i < n - 1; i++) {
            List<String> components = new ArrayList<>();
            components.add("{\"item\": \"I%d\", \"quantityPer\": 1}".formatted(i + 1));
            for (int j = i + 2; j < n; j++) {
                if (random.nextInt(4) == 0) {
                    components.add("{\"item\": \"I%d\", \"quantityPer\": 2}".formatted(j));
                }
            }
            boms.add("{\"item\": \"I%d\", \"components\": [%s]}".formatted(i, String.join(",", components)));
        }
        String acyclic = "{\"items\": [%s], \"boms\": [%s]}".formatted(String.join(",", items), String.join(",", boms));
        Submission ok = Submissions.json(acyclic);
        SubmissionValidator.validate(ok, MasterDataSnapshot.empty(), StockPresence.none());
        assertThat(ok.errors).isEmpty();

        int last = n - 1;
        int target = random.nextInt(last);
        boms.add("{\"item\": \"I%d\", \"components\": [{\"item\": \"I%d\", \"quantityPer\": 1}]}".formatted(last, target));
        Submission cyclic = Submissions.json("{\"items\": [%s], \"boms\": [%s]}"
                .formatted(String.join(",", items), String.join(",", boms)));
        SubmissionValidator.validate(cyclic, MasterDataSnapshot.empty(), StockPresence.none());

        // I0 -> I1 -> ... -> In-1 is a chain, so every BOM from the target onwards lies on the cycle
        assertThat(cyclic.errors).isNotEmpty().allSatisfy(e -> assertThat(e.message()).contains("cyclic"));
        assertThat(cyclic.errors).anySatisfy(e -> assertThat(e.pointer()).isEqualTo("/boms/" + last + "/components/0/item"));
    }
}
