package io.millrace.console;

import io.millrace.access.Caller;
import io.millrace.accounting.master.MasterData;
import io.millrace.accounting.posting.PeriodCloseReport;
import io.millrace.accounting.posting.PostingSettings;
import io.millrace.ledger.LedgerQueries;
import io.millrace.ledger.PeriodClosing;
import io.millrace.ledger.Reconciliation;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Reconciliation (GL against the inventory sub-ledger, GR/IR against open purchase orders) and
 * month-end close: readiness, the close itself (an override needs a reason) and the close report,
 * through the same service as the API, audited alike.
 */
@Controller
class ClosePageController {

    private final Reconciliation reconciliation;
    private final PeriodClosing closing;
    private final PostingSettings settings;
    private final Clock clock;

    ClosePageController(LedgerQueries queries, MasterData master, PostingSettings settings, PeriodClosing closing,
                        ObjectProvider<Clock> clock) {
        this.reconciliation = new Reconciliation(queries, master, settings);
        this.closing = closing;
        this.settings = settings;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @GetMapping("/console/close")
    String page(Caller caller, @RequestParam(required = false) String period,
                @RequestParam(required = false) String plant, Model model) {
        caller.requireReadAll();
        YearMonth month = LedgerPageController.period(period);
        if (month == null) {
            month = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        }
        PeriodCloseReport report = closing.report(month);
        model.addAttribute("period", month.toString());
        model.addAttribute("plant", plant == null ? "" : plant.trim());
        model.addAttribute("reconciliation", reconciliation.of(LedgerPageController.blankToNull(plant)));
        model.addAttribute("readiness", closing.readiness(month));
        model.addAttribute("report", report);
        model.addAttribute("chart", settings.chart());
        return "console/close";
    }

    @PostMapping("/console/close")
    String close(Caller caller, @RequestParam String period, @RequestParam(required = false) String override,
                 @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        caller.requireOperator();
        YearMonth month = LedgerPageController.period(period);
        if (month == null) {
            throw io.millrace.web.ApiProblem.badRequest("Name the period to close as YYYY-MM.");
        }
        PeriodCloseReport report = closing.close(month, caller.actor(), override != null, reason);
        redirect.addFlashAttribute("notice", "Period " + month + " is closed by " + report.closed().closedBy() + ".");
        return "redirect:/console/close?period=" + month;
    }
}
