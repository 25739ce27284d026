package io.millrace.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --erp tryton --erp-url http://host:8000/<database>/ --erp-user … --erp-password …} (and
 * {@code MILLRACE_ERP}, {@code MILLRACE_ERP_URL}, {@code MILLRACE_ERP_USER}, {@code MILLRACE_ERP_PASSWORD}):
 * the ERP of record. The hub starts and takes events whether or not the ERP can be reached.
 */
final class ErpOptions {

    @Option(names = "--erp", defaultValue = "${env:MILLRACE_ERP:-none}",
            description = "The ERP of record: none or tryton (default ${DEFAULT-VALUE}).")
    String kind;

    @Option(names = "--erp-url", defaultValue = "${env:MILLRACE_ERP_URL}",
            description = "The ERP's API, for Tryton http://host:8000/<database>/.")
    String url;

    @Option(names = "--erp-user", defaultValue = "${env:MILLRACE_ERP_USER:-admin}",
            description = "ERP login (default ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--erp-password", defaultValue = "${env:MILLRACE_ERP_PASSWORD}",
            description = "ERP password.")
    String password;

    Map<String, Object> properties(picocli.CommandLine command) {
        Map<String, Object> props = new LinkedHashMap<>();
        if (kind == null || kind.isBlank() || kind.equalsIgnoreCase("none")) {
            return props;
        }
        if (!kind.equalsIgnoreCase("tryton")) {
            throw new picocli.CommandLine.ParameterException(command, "--erp must be none or tryton, not '" + kind + "'");
        }
        if (url == null || url.isBlank()) {
            throw new picocli.CommandLine.ParameterException(command, "--erp tryton needs --erp-url http://host:8000/<database>/");
        }
        props.put("millrace.erp.kind", kind.toLowerCase(java.util.Locale.ROOT));
        props.put("millrace.erp.url", url);
        props.put("millrace.erp.user", user == null ? "admin" : user);
        if (password != null) {
            props.put("millrace.erp.password", password);
        }
        return props;
    }
}
