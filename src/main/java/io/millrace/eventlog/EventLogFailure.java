package io.millrace.eventlog;

/** The log could not be read or written (storage down, broker unreachable); nothing was changed. */
public class EventLogFailure extends RuntimeException {

    public EventLogFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
