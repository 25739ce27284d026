package io.millrace;

import io.millrace.cli.MillraceCommand;

/** Entry point of the {@code ./millrace} launcher: dispatches to the sub-commands. */
public final class Millrace {

    private Millrace() {
    }

    public static void main(String[] args) {
        int exitCode = MillraceCommand.commandLine().execute(args);
        if (exitCode != MillraceCommand.STILL_RUNNING) {
            System.exit(exitCode);
        }
    }
}
