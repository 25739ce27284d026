package io.millrace.console;

import io.millrace.accounting.books.TransferInTransit;
import io.millrace.access.Caller;
import io.millrace.accounting.ledger.JournalEntry;
import io.millrace.accounting.posting.PostingSettings;
import io.millrace.ledger.LedgerQueries;
import io.millrace.web.ApiProblem;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The books: the trial balance per plant and period, each account drilling down to its journal
 * entries, and each entry to the event that caused it; the inventory sub-ledger with filters, and
 * the stock on its way between plants.
 */
@Controller
class LedgerPageController {

    static final int JOURNAL_LIMIT = 200;

    /** One account of the trial balance, with its name from the chart of accounts. */
    record AccountRow(String account, String name, BigDecimal debit, BigDecimal credit, BigDecimal balance) {
    }

    private final LedgerQueries queries;
    private final PostingSettings settings;

    LedgerPageController(LedgerQueries queries, PostingSettings settings) {
        this.queries = queries;
        this.settings = settings;
    }

    @GetMapping("/console/ledger")
    String trialBalance(Caller caller, @RequestParam(required = false) String plant,
                        @RequestParam(required = false) String period, Model model) {
        caller.requireReadAll();
        YearMonth month = period(period);
        List<AccountRow> rows = queries.trialBalance(blankToNull(plant), month).stream()
                .map(t -> new AccountRow(t.account(), settings.chart().name(t.account()), t.debit(), t.credit(),
                        t.debit().subtract(t.credit()))).toList();
        model.addAttribute("rows", rows);
        model.addAttribute("plant", plant == null ? "" : plant.trim());
        model.addAttribute("period", month == null ? "" : month.toString());
        model.addAttribute("totalDebit", rows.stream().map(AccountRow::debit).reduce(BigDecimal.ZERO, BigDecimal::add));
        model.addAttribute("totalCredit", rows.stream().map(AccountRow::credit).reduce(BigDecimal.ZERO, BigDecimal::add));
        return "console/ledger";
    }

    @GetMapping("/console/ledger/journal")
    String journal(Caller caller, @RequestParam(required = false) String plant,
                   @RequestParam(required = false) String period, @RequestParam(required = false) String account,
                   @RequestParam(required = false) String order, @RequestParam(required = false) String trackingId,
                   Model model) {
        caller.requireReadAll();
        YearMonth month = period(period);
        List<JournalEntry> entries = queries.entries(new LedgerQueries.JournalFilter(blankToNull(trackingId),
                blankToNull(order), blankToNull(account), month, blankToNull(plant)), JOURNAL_LIMIT);
        model.addAttribute("entries", entries);
        model.addAttribute("chart", settings.chart());
        model.addAttribute("limit", JOURNAL_LIMIT);
        model.addAttribute("plant", plant == null ? "" : plant.trim());
        model.addAttribute("period", month == null ? "" : month.toString());
        model.addAttribute("account", account == null ? "" : account.trim());
        model.addAttribute("order", order == null ? "" : order.trim());
        model.addAttribute("trackingId", trackingId == null ? "" : trackingId.trim());
        return "console/journal";
    }

    @GetMapping("/console/inventory")
    String inventory(Caller caller, @RequestParam(required = false) String plant,
                     @RequestParam(required = false) String item, @RequestParam(required = false) String lot,
                     @RequestParam(required = false) String location, Model model) {
        caller.requireReadAll();
        LedgerQueries.StockFilter filter = new LedgerQueries.StockFilter(blankToNull(plant), blankToNull(item),
                blankToNull(lot), blankToNull(location));
        List<LedgerQueries.StockRow> rows = queries.stock(filter);
        model.addAttribute("rows", rows.size() > 500 ? rows.subList(0, 500) : rows);
        model.addAttribute("total", rows.size());
        model.addAttribute("filter", filter);
        List<TransferInTransit> inTransit = queries.transfersInTransit(blankToNull(plant));
        model.addAttribute("inTransit", inTransit);
        model.addAttribute("inTransitValue", inTransit.stream().map(TransferInTransit::value)
                .reduce(BigDecimal.ZERO, BigDecimal::add));
        return "console/inventory";
    }

    static YearMonth period(String period) {
        if (period == null || period.isBlank()) {
            return null;
        }
        try {
            return YearMonth.parse(period.trim());
        } catch (DateTimeParseException ex) {
            throw ApiProblem.badRequest("period must be a month as YYYY-MM, not '" + period + "'.");
        }
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
