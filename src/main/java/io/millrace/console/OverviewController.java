package io.millrace.console;

import io.millrace.access.Caller;
import io.millrace.eventlog.EventLog;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The landing page: the hub's backlog, and per plant and flow the rate, backlog, latency and open
 * exceptions, channel health and the ERP's delivery lag, refreshed in place every few seconds; the
 * chart reads its series from {@code /console/overview/series}.
 */
@Controller
class OverviewController {

    private final FlowStatistics statistics;
    private final EventLog log;

    OverviewController(FlowStatistics statistics, EventLog log) {
        this.statistics = statistics;
        this.log = log;
    }

    @GetMapping({"/console", "/console/"})
    String overview(Caller caller, Model model) {
        caller.requireReadAll();
        fill(model);
        return "console/overview";
    }

    /** The parts that refresh in place: the tiles and plants above the chart, channels, ERP and flows below it. */
    @GetMapping("/console/overview/{part:top|bottom}")
    String live(Caller caller, @org.springframework.web.bind.annotation.PathVariable String part, Model model) {
        caller.requireReadAll();
        fill(model);
        return "console/overview :: " + part;
    }

    @GetMapping("/console/overview/series")
    @ResponseBody
    FlowStatistics.Series series(Caller caller) {
        caller.requireReadAll();
        return statistics.overview().series();
    }

    private void fill(Model model) {
        model.addAttribute("backlog", log.backlog());
        model.addAttribute("overview", statistics.overview());
    }
}
