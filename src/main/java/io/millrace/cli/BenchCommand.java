package io.millrace.cli;

import picocli.CommandLine.Command;

/** {@code millrace bench}: measurements of a hub on this machine (not tests). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measures the hub on this machine.",
        subcommands = {IntakeBench.class, PipelineBench.class, KafkaBench.class, ConnectivityBench.class})
public final class BenchCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
