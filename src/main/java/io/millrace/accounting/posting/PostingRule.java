package io.millrace.accounting.posting;

import io.millrace.accounting.event.ManufacturingEvent;

/**
 * The rule of postings.md for one event type. It reads and changes the books only through the
 * {@link PostingContext}, and throws {@link Refusal} when the event must wait or is a business
 * error; the engine then discards everything the rule did.
 */
public interface PostingRule<E extends ManufacturingEvent> {

    void apply(E event, PostingContext context);
}
