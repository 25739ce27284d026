package io.millrace.catalog;

import io.millrace.web.ApiProblem;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Publishes the catalog to producers: every event type with its major versions, the
 * {@code dataschema} URN of each and its JSON Schema, and how the business key is formed.
 * Any authenticated caller may read it (the API-key filter lets every role through).
 */
@RestController
@RequestMapping(path = "/api/v1/catalog", produces = MediaType.APPLICATION_JSON_VALUE)
class CatalogController {

    private final EventCatalog catalog;

    CatalogController(EventCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    CatalogTypes all() {
        return new CatalogTypes(catalog.types());
    }

    @GetMapping("/{type}")
    EventTypeDescriptor one(@PathVariable String type) {
        return catalog.types().stream().filter(t -> t.type().equals(type)).findFirst()
                .orElseThrow(() -> ApiProblem.notFound("'" + type + "' is not a known event type; known: "
                        + catalog.types().stream().map(EventTypeDescriptor::type).collect(Collectors.joining(", "))));
    }

    /** The body of {@code GET /api/v1/catalog}. */
    record CatalogTypes(List<EventTypeDescriptor> types) {
    }
}
