package io.millrace.ledger;

import io.millrace.accounting.books.Books;
import io.millrace.accounting.master.MasterData;
import io.millrace.accounting.posting.PostingEngine;
import io.millrace.accounting.posting.PostingSettings;

/**
 * Makes the posting engine for one unit of work. The engine holds no state between calls, so one
 * per unit (or per micro-batch) costs only its rule table.
 */
public class PostingEngines {

    private final MasterData master;
    private final PostingSettings settings;

    public PostingEngines(MasterData master, PostingSettings settings) {
        this.master = master;
        this.settings = settings;
    }

    public PostingEngine over(Books books) {
        return new PostingEngine(master, books, settings);
    }

    /** An engine whose reversals find the events they name through {@code history}. */
    public PostingEngine over(Books books, io.millrace.accounting.posting.PostedEvents history) {
        return new PostingEngine(master, books, settings, history);
    }

    public PostingSettings settings() {
        return settings;
    }
}
