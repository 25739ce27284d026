package io.millrace.intake;

import io.millrace.access.Caller;
import io.millrace.eventlog.Backlog;
import io.millrace.eventlog.EventLog;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/pipeline/backlog}: how much accepted work waits, is parked or failed. */
@RestController
class BacklogController {

    record BacklogView(long pending, long parked, long exceptions) {
    }

    private final EventLog log;

    BacklogController(EventLog log) {
        this.log = log;
    }

    @GetMapping("/api/v1/pipeline/backlog")
    BacklogView backlog(Caller caller) {
        caller.requireReadAll();
        Backlog backlog = log.backlog();
        return new BacklogView(backlog.pending(), backlog.parked(), backlog.exceptions());
    }
}
