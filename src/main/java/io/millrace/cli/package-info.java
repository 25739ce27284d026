/**
 * The command-line launcher: {@code serve}, {@code demo}, {@code simulate}, {@code bench} and
 * {@code edge} (the plant edge agent).
 * Turns options and {@code MILLRACE_*} environment variables into hub settings and reports
 * start-up failures (bad option, unreachable database, port in use) as one clear line.
 */
package io.millrace.cli;
