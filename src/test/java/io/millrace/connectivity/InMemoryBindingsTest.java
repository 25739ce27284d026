package io.millrace.connectivity;

import org.junit.jupiter.api.Test;

class InMemoryBindingsTest {

    @Test
    void versionsCountOnAcrossChangesAndDeletions() {
        BindingsContract.versionsCountOnAcrossChangesAndDeletions(new InMemoryBindings());
    }
}
