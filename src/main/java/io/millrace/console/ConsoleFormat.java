package io.millrace.console;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Formats numbers, times and ages for the pages ({@code ${@consoleFormat.time(x)}} in a template). */
@Component("consoleFormat")
class ConsoleFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final Clock clock;

    ConsoleFormat(ObjectProvider<Clock> clock) {
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    public String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    /** How long ago, in the largest whole unit: "42 s", "7 min", "3 h", "2 d". */
    public String age(Instant at) {
        if (at == null) {
            return "";
        }
        return duration(Duration.between(at, clock.instant()).toMillis() / 1000.0);
    }

    public String duration(Double seconds) {
        if (seconds == null) {
            return "–";
        }
        double s = Math.max(0, seconds);
        if (s < 10) {
            return String.format(java.util.Locale.ROOT, "%.2f s", s);
        }
        if (s < 120) {
            return Math.round(s) + " s";
        }
        if (s < 7200) {
            return Math.round(s / 60) + " min";
        }
        return s < 172800 ? Math.round(s / 3600) + " h" : Math.round(s / 86400) + " d";
    }

    public String seconds(BigDecimal seconds) {
        return seconds == null ? "–" : duration(seconds.doubleValue());
    }

    public String span(Duration duration) {
        return duration == null ? "–" : duration(duration.toMillis() / 1000.0);
    }

    /** A share as a percentage with one decimal, "–" without data. */
    public String percent(BigDecimal ratio) {
        return ratio == null ? "–" : String.format(java.util.Locale.ROOT, "%.1f %%", ratio.movePointRight(2));
    }

    public String money(BigDecimal amount) {
        return amount == null ? "" : String.format(java.util.Locale.ROOT, "%,.2f", amount.setScale(2, RoundingMode.HALF_UP));
    }

    public String quantity(BigDecimal amount) {
        return amount == null ? "" : amount.stripTrailingZeros().toPlainString();
    }

    public String rate(double perMinute) {
        return String.format(java.util.Locale.ROOT, "%.1f", perMinute);
    }
}
