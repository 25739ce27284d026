package io.millrace.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlaPropertiesTest {

    private final SlaProperties settings = SlaProperties.of(Duration.ofMinutes(2), Duration.ofMinutes(15), List.of(
            new SlaProperties.Override(null, "mfg.procurement.goods.received", Duration.ofMinutes(5), null),
            new SlaProperties.Override("P200", "*", Duration.ofMinutes(10), Duration.ofHours(2)),
            new SlaProperties.Override("P200", "mfg.procurement.goods.received", Duration.ofMinutes(20), null)));

    @Test
    void plantAndFlowBeatPlantWhichBeatsFlowWhichBeatsTheDefault() {
        assertThat(settings.threshold(SlaMeasure.ACCEPTED_TO_POSTED, "P100", "mfg.quality.lot.held"))
                .isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.threshold(SlaMeasure.ACCEPTED_TO_POSTED, "P100", "mfg.procurement.goods.received"))
                .isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.threshold(SlaMeasure.ACCEPTED_TO_POSTED, "P200", "mfg.quality.lot.held"))
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.threshold(SlaMeasure.ACCEPTED_TO_POSTED, "P200", "mfg.procurement.goods.received"))
                .isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void anOverrideWithoutAThresholdForAMeasureKeepsTheOneBelowIt() {
        assertThat(settings.threshold(SlaMeasure.POSTED_TO_ERP, "P200", "mfg.procurement.goods.received"))
                .as("the plant-and-flow override sets no ERP threshold: the plant's applies")
                .isEqualTo(Duration.ofHours(2));
        assertThat(settings.threshold(SlaMeasure.POSTED_TO_ERP, "P100", "mfg.procurement.goods.received"))
                .isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void aThresholdThatIsNotPositiveIsRefusedByName() {
        assertThatThrownBy(() -> SlaProperties.of(Duration.ZERO, Duration.ofMinutes(1), List.of()))
                .hasMessageContaining("millrace.sla.posting");
        assertThatThrownBy(() -> SlaProperties.of(Duration.ofMinutes(1), Duration.ofMinutes(1),
                List.of(new SlaProperties.Override("P1", null, null, Duration.ofSeconds(-1)))))
                .hasMessageContaining("overrides[].erp-delivery");
    }
}
