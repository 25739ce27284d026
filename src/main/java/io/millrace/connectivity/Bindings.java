package io.millrace.connectivity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The stored bindings with every version of each. Saving makes a new version; deleting records a
 * deleted version, so that the history stays readable and the name can be taken again.
 */
public interface Bindings {

    /** One stored version: its definition, or none when it records a deletion. */
    record StoredVersion(String name, int version, BindingDefinition definition, Instant changedAt, String changedBy) {
        public boolean deleted() {
            return definition == null;
        }
    }

    /** Stores {@code definition} as the next version of {@code name} and answers that version number. */
    int save(String name, BindingDefinition definition, Instant at, String actor);

    /** Records the deletion; false when there is no live binding of that name. */
    boolean delete(String name, Instant at, String actor);

    /** The latest version of every live binding, by name. */
    List<StoredVersion> live();

    /** The last version number of any binding ever stored, a cheap token that changes with every save or delete. */
    long changeToken();
}
