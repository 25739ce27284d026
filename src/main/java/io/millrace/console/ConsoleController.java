package io.millrace.console;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Serves the console page; everything it shows comes from the API with the key typed in. */
@RestController
class ConsoleController {

    private final String page;

    ConsoleController() throws IOException {
        try (InputStream in = ConsoleController.class.getResourceAsStream("/console/console.html")) {
            if (in == null) {
                throw new IllegalStateException("console.html is missing from the build");
            }
            page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @GetMapping(path = "/console", produces = MediaType.TEXT_HTML_VALUE)
    String console() {
        return page;
    }
}
