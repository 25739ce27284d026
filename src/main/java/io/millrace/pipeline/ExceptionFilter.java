package io.millrace.pipeline;

import java.time.Instant;

/**
 * Filters of the exception queue, each null for any: status, plant, reason code, event type, and
 * {@code raisedBefore} to see only exceptions older than an age. The reason is the stored name, not
 * a {@link Reason}, so that rows whose name this version does not know can still be found.
 */
public record ExceptionFilter(String status, String plant, String reason, String type, Instant raisedBefore) {

    public static ExceptionFilter status(String status) {
        return new ExceptionFilter(status, null, null, null, null);
    }
}
