package io.millrace.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ObservabilityOptionsTest {

    private static ServeCommand parse(String... args) {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs(args);
        return serve;
    }

    @Test
    void jsonLogsAreBootsStructuredConsoleLogsInElasticCommonSchema() {
        ServeCommand serve = parse("--log-format", "json");
        assertThat(serve.observability.properties(new CommandLine(serve)))
                .containsEntry("logging.structured.format.console", "ecs");
    }

    @Test
    void textLogsAndNoEndpointChangeNothing() {
        ServeCommand serve = parse();
        assertThat(serve.observability.properties(new CommandLine(serve))).isEmpty();
    }

    @Test
    void anOtlpEndpointSwitchesTheTraceExportOn() {
        ServeCommand serve = parse("--otlp-endpoint", "http://collector:4318/v1/traces");
        assertThat(serve.observability.properties(new CommandLine(serve)))
                .containsEntry("management.tracing.export.otlp.enabled", "true")
                .containsEntry("management.opentelemetry.tracing.export.otlp.endpoint",
                        "http://collector:4318/v1/traces");
    }

    @Test
    void anUnknownLogFormatIsRefusedByName() {
        ServeCommand serve = parse("--log-format", "xml");
        assertThatThrownBy(() -> serve.observability.properties(new CommandLine(serve)))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--log-format must be text or json");
    }
}
