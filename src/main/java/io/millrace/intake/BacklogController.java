package io.millrace.intake;

import io.millrace.access.Caller;
import io.millrace.eventlog.Backlog;
import io.millrace.eventlog.EventLog;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/pipeline/backlog}: how much accepted work waits, is parked or failed; also how
 * much has posted, so that a monitor can derive throughput from two readings.
 */
@RestController
class BacklogController {

    record BacklogView(long pending, long parked, long exceptions, long posted) {
    }

    private final EventLog log;

    BacklogController(EventLog log) {
        this.log = log;
    }

    @GetMapping("/api/v1/pipeline/backlog")
    BacklogView backlog(Caller caller) {
        caller.requireReadAll();
        Backlog backlog = log.backlog();
        return new BacklogView(backlog.pending(), backlog.parked(), backlog.exceptions(), backlog.posted());
    }
}
