package dev.vigil.backtest;

import dev.vigil.spec.InvalidModelSpecException;
import dev.vigil.trainer.data.HistoryException;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.io.PrintWriter;

/** {@code vigil-backtest}: the streamer's scoring, offline, over recorded series; and the detection benchmarks. */
@Command(name = "vigil-backtest", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Runs the streamer's exact scoring code offline over recorded series and reports event-level "
                + "detection against labels.", ""},
        subcommands = {RunCommand.class, SmapMslCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:failed", "2:bad input or options"})
public final class BacktestCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(System.out, System.err, args));
    }

    /** Runs the CLI and returns its exit code; used by {@link #main} and by tests. */
    public static int execute(PrintStream out, PrintStream err, String... args) {
        System.setProperty("java.awt.headless", "true");
        // the in-process driver's start-up warnings (temp state dir, global handler) say nothing about a backtest
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka",
                System.getProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error"));
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        CommandLine cli = new CommandLine(new BacktestCli());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + e.getMessage());
            return e instanceof HistoryException || e instanceof IllegalArgumentException
                    || e instanceof InvalidModelSpecException || e instanceof ConfigException ? 2 : 1;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed: run or smap-msl");
    }
}
