package io.millrace.pipeline;

import java.time.Instant;

/**
 * Filters of the exception queue, each null for any: status, plant, reason code, event type, and
 * {@code raisedBefore} to see only exceptions older than an age.
 */
public record ExceptionFilter(String status, String plant, String reason, String type, Instant raisedBefore) {

    public static ExceptionFilter status(String status) {
        return new ExceptionFilter(status, null, null, null, null);
    }
}
