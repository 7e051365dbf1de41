package dev.vigil.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Trains a model with {@code scripts/regenerate-default-model.sh}, the command that made the bundled default model:
 * generator data to CSV, then {@code bin/vigil-trainer}. Its output goes to the console as it comes.
 */
final class FreshModel {

    static final String SCRIPT = "scripts/regenerate-default-model.sh";

    private FreshModel() {
    }

    /** Trains into {@code output}; returns null when {@code stop} turned true first (the script is then ended). */
    static Path train(Path home, Path output, PrintStream out, BooleanSupplier stop)
            throws IOException, InterruptedException {
        Path script = home.resolve(SCRIPT);
        if (!Files.isRegularFile(script)) {
            throw new IllegalArgumentException("--train needs " + SCRIPT + " of a Vigil checkout, not found in "
                    + home + "; run bin/vigil-demo from the checkout");
        }
        out.println("Training a fresh model with " + SCRIPT + " (the command that made models/default.onnx)...");
        out.flush();
        Process process = new ProcessBuilder(List.of("bash", script.toString(), "--output", output.toString()))
                .directory(home.toFile()).inheritIO().start();
        try {
            while (!process.waitFor(200, TimeUnit.MILLISECONDS)) {
                if (stop.getAsBoolean()) {
                    process.destroy();
                    process.waitFor(10, TimeUnit.SECONDS);
                    return null;
                }
            }
            int exit = process.exitValue();
            if (stop.getAsBoolean()) {
                return null;
            }
            if (exit != 0 || !Files.isRegularFile(output)) {
                throw new IllegalStateException(SCRIPT + " failed (exit " + exit + "); its output is above");
            }
        } catch (InterruptedException e) {
            process.destroy();
            throw e;
        }
        return output;
    }
}
