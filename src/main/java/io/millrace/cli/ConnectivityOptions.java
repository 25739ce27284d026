package io.millrace.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The plant-connectivity options of {@code serve}: the MQTT broker and the inbox directory. */
public final class ConnectivityOptions {

    @Option(names = "--mqtt-url", defaultValue = "${env:MILLRACE_MQTT_URL}",
            description = "MQTT broker for the MQTT channel, e.g. tcp://127.0.0.1:1883.")
    String mqttUrl;

    @Option(names = "--mqtt-user", defaultValue = "${env:MILLRACE_MQTT_USER}", description = "MQTT user.")
    String mqttUser;

    @Option(names = "--mqtt-password", defaultValue = "${env:MILLRACE_MQTT_PASSWORD}", description = "MQTT password.")
    String mqttPassword;

    @Option(names = "--mqtt-client-id", defaultValue = "${env:MILLRACE_MQTT_CLIENT_ID:-millrace-hub}",
            description = "Client id of the hub's persistent MQTT session, one per instance (default ${DEFAULT-VALUE}).")
    String mqttClientId;

    @Option(names = "--inbox-dir", defaultValue = "${env:MILLRACE_INBOX_DIR}",
            description = "Inbox of the file channel: a folder per file binding.")
    Path inboxDir;

    Map<String, Object> properties() {
        Map<String, Object> props = new LinkedHashMap<>();
        if (mqttUrl != null && !mqttUrl.isBlank()) {
            props.put("millrace.mqtt.url", mqttUrl);
            props.put("millrace.mqtt.client-id", mqttClientId);
            if (mqttUser != null) {
                props.put("millrace.mqtt.user", mqttUser);
            }
            if (mqttPassword != null) {
                props.put("millrace.mqtt.password", mqttPassword);
            }
        }
        if (inboxDir != null) {
            props.put("millrace.inbox-dir", inboxDir.toAbsolutePath().toString());
        }
        return props;
    }
}
