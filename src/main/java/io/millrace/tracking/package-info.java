/**
 * Event tracking, the read side of accepting and applying: an accepted event read back by tracking
 * id with its state, its lineage (what the pipeline and the modules that plug steps into it did
 * with it) and the plant message it was mapped from, and the backlog of the pipeline. Intake only
 * writes events, the pipeline only applies them; this module reads what both wrote.
 */
package io.millrace.tracking;
