package io.millrace.console;

import io.millrace.access.Caller;
import io.millrace.catalog.EventCatalog;
import io.millrace.connectivity.Binding;
import io.millrace.connectivity.BindingIntake;
import io.millrace.connectivity.LiveBindings;
import io.millrace.connectivity.Mapping;
import io.millrace.connectivity.MessageMapper;
import io.millrace.web.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Comparator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The event catalog (owner, status, accounting effect, versions) and the plant bindings with
 * their mappings, each with a dry run: a sample message is mapped and validated exactly as its
 * channel would, and nothing is accepted.
 */
@Controller
class CatalogPageController {

    private final EventCatalog catalog;
    private final LiveBindings bindings;
    private final BindingIntake intake;
    private final Clock clock;

    CatalogPageController(EventCatalog catalog, LiveBindings bindings, BindingIntake intake,
                          ObjectProvider<Clock> clock) {
        this.catalog = catalog;
        this.bindings = bindings;
        this.intake = intake;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @GetMapping("/console/catalog")
    String catalog(Caller caller, Model model) {
        caller.requireReadAll();
        model.addAttribute("types", catalog.types());
        return "console/catalog";
    }

    @GetMapping("/console/bindings")
    String bindings(Caller caller, Model model) {
        caller.requireReadAll();
        bindings.refresh();
        model.addAttribute("bindings", bindings.all().stream().sorted(Comparator.comparing(Binding::name)).toList());
        return "console/bindings";
    }

    @GetMapping("/console/bindings/{name}")
    String binding(Caller caller, @PathVariable String name, Model model) {
        caller.requireReadAll();
        Binding binding = found(name);
        model.addAttribute("binding", binding);
        model.addAttribute("sample", "");
        model.addAttribute("mapping", binding.mapping().expression());
        return "console/binding";
    }

    /** The dry run: operators and admins, as {@code POST /api/v1/bindings/{name}/test}. */
    @PostMapping("/console/bindings/{name}/test")
    String test(Caller caller, @PathVariable String name, @RequestParam(required = false) String sample,
                @RequestParam(required = false) String mapping, Model model) {
        caller.requireOperator();
        Binding binding = found(name);
        String expression = mapping == null || mapping.isBlank() ? binding.mapping().expression() : mapping;
        model.addAttribute("binding", binding);
        model.addAttribute("sample", sample == null ? "" : sample);
        model.addAttribute("mapping", expression);
        Mapping compiled;
        try {
            compiled = expression.equals(binding.mapping().expression()) ? binding.mapping() : Mapping.compile(expression);
        } catch (Mapping.MappingFailure ex) {
            model.addAttribute("mappingError", ex.getMessage());
            return "console/binding";
        }
        BindingIntake.Preview preview = intake.preview(binding, compiled, new MessageMapper.Received("http", null, null,
                clock.instant(), (sample == null ? "" : sample).getBytes(StandardCharsets.UTF_8)));
        model.addAttribute("previewEvents", preview.mapped().events().stream().map(e -> Json.pretty(e.toString()))
                .toList());
        model.addAttribute("previewErrors", preview.errors());
        model.addAttribute("tried", true);
        return "console/binding";
    }

    private Binding found(String name) {
        return bindings.find(name).orElseThrow(() -> ApiProblem.notFound("No binding named '" + name + "'."));
    }
}
