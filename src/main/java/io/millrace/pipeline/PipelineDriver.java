package io.millrace.pipeline;

/** The background applier of this instance, whichever way it takes events up. */
public interface PipelineDriver {

    /** Master data changed: parked events and unknown-reference exceptions are to be retried soon. */
    void masterDataChanged();
}
