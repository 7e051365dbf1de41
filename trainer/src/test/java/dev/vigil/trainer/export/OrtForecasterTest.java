package dev.vigil.trainer.export;

import dev.vigil.spec.ModelSpec;
import dev.vigil.spec.StateShape;
import dev.vigil.trainer.export.ForecasterFixtures.Shape;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link OrtForecaster} owns its session: closing twice is harmless, running after close is refused. */
class OrtForecasterTest {

    private static final Shape SHAPE = new Shape("univariate", 1, 4, 1, new int[] {0}, 4, 2);

    @Test
    void closeIsIdempotentAndRunAfterCloseIsRefused() {
        ForecasterWeights w = ForecasterFixtures.randomWeights(SHAPE, 1, 1.0);
        ModelSpec spec = ForecasterFixtures.specFor(w);
        OrtForecaster model = OrtForecaster.open(OnnxForecasterExporter.export(w, spec), spec, new StateShape(2, 4));

        model.close();

        assertDoesNotThrow(model::close, "second close");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> model.run(new float[4], 1, 4, new float[8]));
        assertTrue(e.getMessage().contains("closed"), e::getMessage);
    }

    @Test
    void aModelOnnxRuntimeCannotLoadIsNamed() {
        ForecasterWeights w = ForecasterFixtures.randomWeights(SHAPE, 1, 1.0);

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> OrtForecaster.open(new byte[] {1, 2, 3}, ForecasterFixtures.specFor(w), new StateShape(2, 4)));

        assertTrue(e.getMessage().startsWith("ONNX Runtime could not load the exported model"), e::getMessage);
    }
}
