package dev.vigil.trainer.cli;

import dev.vigil.spec.InvalidModelSpecException;
import dev.vigil.trainer.BuildInfo;
import dev.vigil.trainer.TrainingPipeline;
import dev.vigil.trainer.TrainingReport;
import dev.vigil.trainer.TrainingRequest;
import dev.vigil.trainer.data.History;
import dev.vigil.trainer.data.HistoryException;
import dev.vigil.trainer.fit.FitProgress;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code vigil-trainer}: fit an LSTM forecaster on metrics history and export one ONNX file. */
@Command(name = "vigil-trainer", mixinStandardHelpOptions = true, versionProvider = TrainerCli.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Fits an LSTM forecaster on metrics history, calibrates anomaly thresholds and exports one ONNX file "
                    + "that forecasts H steps by output feedback, with its spec and provenance in the metadata.",
            "Writes <output>, <output>.loss.png and <output>.forecast.png (the .onnx suffix is dropped for charts)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:model written", "1:training or export failed", "2:bad input or options"})
public final class TrainerCli implements Callable<Integer> {

    @Mixin
    HistorySourceOptions history = new HistorySourceOptions();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true,
            description = "Where to write the ONNX model.")
    Path output;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Option(names = "--no-charts", description = "Skip the loss and forecast charts.")
    boolean noCharts;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Option(names = "--fixture-out", paramLabel = "DIR",
            description = "Also write golden fixtures there: the model and held-out windows with their expected "
                    + "forecasts, for contract tests.")
    Path fixtureOut;

    private final PrintStream out;

    TrainerCli(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(execute(System.out, System.err, args));
    }

    /** Runs the CLI and returns its exit code; used by {@link #main} and by tests. */
    public static int execute(PrintStream out, PrintStream err, String... args) {
        System.setProperty("java.awt.headless", "true");
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        CommandLine cli = new CommandLine(new TrainerCli(out));
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + e.getMessage());
            return e instanceof HistoryException || e instanceof IllegalArgumentException
                    || e instanceof InvalidModelSpecException ? 2 : 1;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        model.validate();
        ModelOptions.setThreads(model.threads);
        History data = history.read();
        out.printf(Locale.ROOT, "Read %d series, %d points, features %s, step %d ms from %s%n", data.series().size(),
                data.points(), data.features(), data.stepMillis(), data.source());
        TrainingRequest request = model.request(data, output, !noCharts, fixtureOut);
        FitProgress progress = quiet ? FitProgress.NONE : new ConsoleFitProgress(out, System.console() != null);
        TrainingReport report = new TrainingPipeline(progress).run(request);
        out.printf(Locale.ROOT, "Stopped after %d epochs (%s), best epoch %d, validation MSE %.6f, %.1f s%n",
                report.fit().epochs().size(), report.fit().stoppedEarly() ? "early stopping" : "epoch limit",
                report.fit().bestEpoch(), report.fit().bestValidationLoss(), report.fit().millis() / 1000.0);
        out.print(MetricsTable.format(report.spec().provenance().testMetrics()));
        out.printf(Locale.ROOT, "Export check: ONNX Runtime vs trained model on %d held-out windows, max abs diff "
                + "%.2e, state %.2e, stepping from a carried state %.2e (limit %.0e)%n", report.parity().windows(),
                report.parity().maxAbsDiff(), report.parity().maxStateAbsDiff(), report.parity().maxSteppedAbsDiff(),
                TrainingPipeline.PARITY_TOLERANCE);
        out.println("Wrote " + report.model());
        report.charts().forEach(chart -> out.println("Wrote " + chart));
        return 0;
    }

    /** Prints the trainer's version and commit. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            BuildInfo build = BuildInfo.load();
            return new String[] {"vigil-trainer " + build.version() + " (commit " + build.gitCommit() + ")"};
        }
    }
}
