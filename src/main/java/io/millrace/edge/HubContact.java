package io.millrace.edge;

import java.time.Clock;
import java.time.Instant;

/**
 * What the edge agent last heard from its hub: whether the hub is reachable (it answered the last
 * request, with anything but a server error), when it last answered, and why the last attempt
 * failed. Written by the forwarder and the catalog refresh, read by the status.
 */
public final class HubContact {

    /** One reading. {@code lastAnswerAt} is null while the hub has never answered since start-up. */
    public record View(boolean reachable, Instant lastAnswerAt, Instant lastFailureAt, String lastError) {
    }

    private final Clock clock;
    private View view = new View(false, null, null, null);

    public HubContact(Clock clock) {
        this.clock = clock;
    }

    public synchronized void answered() {
        view = new View(true, clock.instant(), view.lastFailureAt(), view.lastError());
    }

    /** The hub answered, but not as hoped (it refuses the key, or the URL is not a hub's). */
    public synchronized void answeredWithProblem(String reason) {
        Instant now = clock.instant();
        view = new View(true, now, now, reason);
    }

    public synchronized void failed(String reason) {
        view = new View(false, view.lastAnswerAt(), clock.instant(), reason);
    }

    public synchronized View view() {
        return view;
    }
}
