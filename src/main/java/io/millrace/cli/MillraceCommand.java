package io.millrace.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code millrace} command. */
@Command(name = "millrace",
        mixinStandardHelpOptions = true,
        version = "Millrace 0.1.0",
        description = "Event-driven integration hub between manufacturing plants and finance.",
        subcommands = {ServeCommand.class, DemoCommand.class, SimulateCommand.class, BenchCommand.class,
            EdgeCommand.class})
public final class MillraceCommand implements Runnable {

    /** Exit code a command returns when it started a server that keeps the JVM alive. */
    public static final int STILL_RUNNING = Integer.MIN_VALUE;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new MillraceCommand());
        commandLine.setParameterExceptionHandler(MillraceCommand::oneLineUsageError);
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** A bad option is reported as one line, not a usage dump, so scripts can log it. */
    private static int oneLineUsageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String name = cmd.getCommandName().equals("millrace") ? "millrace" : "millrace " + cmd.getCommandName();
        cmd.getErr().println(name + ": " + ex.getMessage() + " (see --help)");
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }
}
