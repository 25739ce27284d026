package io.millrace.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AuthenticationFailuresTest {

    private static final class SteppedClock extends Clock {
        Instant now = Instant.parse("2026-11-26T08:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void anAddressIsRefusedAfterTheLimitUntilItsMinuteEndsWhileOthersGoOn() {
        SteppedClock clock = new SteppedClock();
        AuthenticationFailures failures = new AuthenticationFailures(clock, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(failures.blocked("10.0.0.1")).isEmpty();
            failures.failed("10.0.0.1");
        }

        assertThat(failures.blocked("10.0.0.1")).hasValue(60);
        assertThat(failures.blocked("10.0.0.2")).isEmpty();
        clock.now = clock.now.plusSeconds(45);
        assertThat(failures.blocked("10.0.0.1")).hasValue(15);
        clock.now = clock.now.plusSeconds(15);
        assertThat(failures.blocked("10.0.0.1")).isEmpty();
        failures.failed("10.0.0.1");
        assertThat(failures.blocked("10.0.0.1")).isEmpty();
    }
}
