package io.millrace.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlowStatisticsTest {

    @Test
    void percentilesAreNearestRankOverSortedValues() {
        List<Double> values = List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0);

        assertThat(FlowStatistics.percentile(values, 0.50)).isEqualTo(5.0);
        assertThat(FlowStatistics.percentile(values, 0.95)).isEqualTo(10.0);
        assertThat(FlowStatistics.percentile(List.of(0.4), 0.95)).isEqualTo(0.4);
        assertThat(FlowStatistics.percentile(List.of(), 0.5)).isNull();
    }

    @Test
    void theChartUsesMinuteBucketsForAYoungHubAndCoarserOnesOverHours() {
        assertThat(FlowStatistics.bucketFor(Duration.ofMinutes(10))).isEqualTo(Duration.ofMinutes(1));
        assertThat(FlowStatistics.bucketFor(Duration.ofMinutes(61))).isEqualTo(Duration.ofMinutes(5));
        assertThat(FlowStatistics.bucketFor(Duration.ofHours(6))).isEqualTo(Duration.ofMinutes(10));
    }
}
