package dev.vigil.generator;

/** Where generated points and labels go: a Kafka topic, CSV files, or a test's lists. */
public interface MetricSink {

    /** One point of one series. */
    void point(String series, long ts, double value);

    /** A label, once its last point has been handed to {@link #point}. */
    void label(Label label);
}
