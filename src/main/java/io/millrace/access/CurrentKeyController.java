package io.millrace.access;

import java.util.Locale;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/sources/me}: what the calling key is and may publish, so that a plant edge
 * agent forwarding with this key refuses out-of-scope events at the plant instead of holding them
 * until the hub refuses them.
 */
@RestController
class CurrentKeyController {

    /** The calling key, without the key itself. */
    record KeyView(String keyId, String name, String role, Set<String> sources, Set<String> plants,
                   Set<String> eventTypes, Integer ratePerSecond) {
    }

    @GetMapping("/api/v1/sources/me")
    KeyView me(Caller caller) {
        Scope scope = caller.scope();
        return new KeyView(caller.keyId(), caller.name(), caller.role().name().toLowerCase(Locale.ROOT),
                scope.sources(), scope.plants(), scope.eventTypes(), caller.ratePerSecond());
    }
}
