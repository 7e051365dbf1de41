package dev.vigil.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.vigil.trainer.export.ForecasterWeights;

import java.util.ArrayList;
import java.util.List;

/**
 * The LSTM forecaster with output feedback, exactly as the exported ONNX graph computes it: read the window
 * {@code [batch, W, F]}, then H times predict the targets from the top layer's hidden state and feed the prediction
 * back in as the next step (non-target features carried forward from the last observed step), carrying the LSTM
 * state. Training runs the same free-running rollout, so the model learns to forecast from its own predictions.
 */
public final class FeedbackLstmBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final LstmShape shape;
    private final LSTM lstm;
    private final Linear head;

    public FeedbackLstmBlock(LstmShape shape) {
        super(VERSION);
        this.shape = shape;
        this.lstm = addChildBlock("lstm", LSTM.builder()
                .setStateSize(shape.hiddenSize())
                .setNumLayers(shape.layers())
                .optDropRate((float) shape.dropout())
                .optBatchFirst(true)
                .optReturnState(true)
                .build());
        this.head = addChildBlock("head", Linear.builder().setUnits(shape.targetIndices().length).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray window = inputs.head();
        NDManager manager = window.getManager();
        NDList state = lstm.forward(store, new NDList(window), training);
        NDArray hidden = state.get(1);
        NDArray cell = state.get(2);
        NDArray lastObserved = window.get(new NDIndex(":, -1, :"));
        NDArray carriedMask = manager.create(shape.carriedMask());
        NDArray scatter = manager.create(shape.targetScatter(), new Shape(shape.targetIndices().length,
                shape.inputSize()));

        List<NDArray> predictions = new ArrayList<>(shape.horizon());
        for (int step = 0; step < shape.horizon(); step++) {
            NDArray top = hidden.get(shape.layers() - 1);
            NDArray prediction = head.forward(store, new NDList(top), training).head();
            predictions.add(prediction);
            if (step == shape.horizon() - 1) {
                break;
            }
            NDArray next = lastObserved.mul(carriedMask).add(prediction.matMul(scatter)).expandDims(1);
            NDList stepped = lstm.forward(store, new NDList(next, hidden, cell), training);
            hidden = stepped.get(1);
            cell = stepped.get(2);
        }
        return new NDList(NDArrays.stack(new NDList(predictions), 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), shape.horizon(), shape.targetIndices().length)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        lstm.initialize(manager, dataType, inputShapes[0]);
        head.initialize(manager, dataType, new Shape(inputShapes[0].get(0), shape.hiddenSize()));
    }

    /** The current parameters, engine-neutral, for export. */
    public ForecasterWeights weights() {
        List<ForecasterWeights.LayerWeights> layers = new ArrayList<>();
        for (int layer = 0; layer < shape.layers(); layer++) {
            layers.add(new ForecasterWeights.LayerWeights(
                    lstmParameter(layer, "i2h_WEIGHT"), lstmParameter(layer, "h2h_WEIGHT"),
                    lstmParameter(layer, "i2h_BIAS"), lstmParameter(layer, "h2h_BIAS")));
        }
        return new ForecasterWeights(shape.inputSize(), shape.hiddenSize(), shape.targetIndices().clone(),
                shape.windowSize(), shape.horizon(), layers,
                head.getParameters().get("weight").getArray().toFloatArray(),
                head.getParameters().get("bias").getArray().toFloatArray());
    }

    /** Puts earlier-captured parameters back, e.g. the best epoch's after early stopping. */
    public void restore(ForecasterWeights weights) {
        for (int layer = 0; layer < shape.layers(); layer++) {
            ForecasterWeights.LayerWeights w = weights.layers().get(layer);
            lstmArray(layer, "i2h_WEIGHT").set(w.inputToHidden());
            lstmArray(layer, "h2h_WEIGHT").set(w.hiddenToHidden());
            lstmArray(layer, "i2h_BIAS").set(w.inputBias());
            lstmArray(layer, "h2h_BIAS").set(w.hiddenBias());
        }
        head.getParameters().get("weight").getArray().set(weights.denseWeight());
        head.getParameters().get("bias").getArray().set(weights.denseBias());
    }

    public LstmShape shape() {
        return shape;
    }

    private float[] lstmParameter(int layer, String suffix) {
        return lstmArray(layer, suffix).toFloatArray();
    }

    private NDArray lstmArray(int layer, String suffix) {
        Parameter parameter = lstm.getParameters().get("l_" + layer + "_" + suffix);
        if (parameter == null) {
            throw new IllegalStateException("LSTM has no parameter l_" + layer + "_" + suffix + "; found "
                    + lstm.getParameters().keys());
        }
        return parameter.getArray();
    }
}
