package dev.vigil.streamer.input;

/** What every agent-format decoder shares: its options and its counts of skipped values. */
abstract class AgentDecoder implements PointDecoder {

    protected final DecoderOptions options;
    protected final SkippedValues skipped = new SkippedValues();

    AgentDecoder(DecoderOptions options) {
        this.options = options;
    }

    @Override
    public SkippedValues skipped() {
        return skipped;
    }
}
