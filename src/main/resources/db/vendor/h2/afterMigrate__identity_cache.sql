-- Embedded H2 only (PostgreSQL caches sequence values per session, which would break the order
-- of these ids across connections; H2 hands them out in order from one shared cache).
-- H2 persists an identity sequence each time its cache of values runs out, with a commit of its
-- own that writes the store to disk; with the default cache of 32 the applier paid several such
-- commits for every micro-batch of steps, journal entries and outbox messages. A larger cache
-- only makes the gap after a crash larger; ids stay unique and increasing.
ALTER TABLE pipeline_step ALTER COLUMN step_seq SET CACHE 4096;
ALTER TABLE ledger_journal_entry ALTER COLUMN entry_seq SET CACHE 4096;
ALTER TABLE outbox_message ALTER COLUMN id SET CACHE 4096;
