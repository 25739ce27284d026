package io.millrace.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** How the hub reports on itself: the log format and where traces go. */
public final class ObservabilityOptions {

    @Option(names = "--log-format", defaultValue = "${env:MILLRACE_LOG_FORMAT:-text}",
            description = "text (default) or json: one JSON object per line (Elastic Common Schema), with the trace"
                    + " and span ids, for a log collector.")
    String logFormat;

    @Option(names = "--otlp-endpoint", defaultValue = "${env:MILLRACE_OTLP_ENDPOINT}",
            description = "OpenTelemetry collector that receives the hub's traces over OTLP/HTTP,"
                    + " e.g. http://collector:4318/v1/traces (none by default: traces are not exported).")
    String otlpEndpoint;

    Map<String, Object> properties(CommandLine command) {
        Map<String, Object> props = new LinkedHashMap<>();
        switch (logFormat == null ? "text" : logFormat.toLowerCase(Locale.ROOT)) {
            case "text" -> {
            }
            case "json" -> props.put("logging.structured.format.console", "ecs");
            default -> throw new CommandLine.ParameterException(command,
                    "--log-format must be text or json, not " + logFormat);
        }
        if (otlpEndpoint != null && !otlpEndpoint.isBlank()) {
            props.put("management.tracing.export.otlp.enabled", "true");
            props.put("management.opentelemetry.tracing.export.otlp.endpoint", otlpEndpoint);
        }
        return props;
    }
}
