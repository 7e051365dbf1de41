package dev.vigil.streamer.dashboards;

import dev.vigil.streamer.dashboards.ObservabilityFiles.Dashboard;
import dev.vigil.streamer.inference.InferenceOptions;
import dev.vigil.streamer.inference.OnnxModel;
import dev.vigil.streamer.topology.StreamerSettings;
import dev.vigil.testsupport.KafkaTestCluster;
import dev.vigil.testsupport.TestTools;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboards and alert rules against the real thing: the files are well formed and point at the provisioned
 * datasource; the configs pass promtool and amtool; and a real Prometheus scraping a real streamer (real broker,
 * trained model, anomalous traffic) returns data for every dashboard expression and evaluates every rule.
 *
 * <p>Substitution rule for Grafana's variables: {@code $__rate_interval} becomes {@value #RATE_INTERVAL} (what
 * Grafana computes for the test's 1 s scrape interval: four scrapes, plus one), {@code $__interval} 1s,
 * {@code $__range} the length of the run; a template variable with "All" gets its all-value, any other the first
 * value its own {@code label_values} query returns, with the variables before it substituted.
 */
class DashboardsIT {

    static final String RATE_INTERVAL = "5s";
    static final String JOB = "vigil-streamer";
    /** 30 series of 150 one-minute steps, every fifth shifted for 6 steps from step 110, sent in 10 rounds. */
    static final AnomalousTraffic TRAFFIC = new AnomalousTraffic(30, 150, 110, 6);
    static final int ROUNDS = 10;
    /** Series Prometheus makes itself for every target, not the app. */
    static final Set<String> PROMETHEUS_SERIES = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped",
            "scrape_samples_post_metric_relabeling", "scrape_series_added");

    final ObservabilityFiles files = ObservabilityFiles.find();

    @TempDir
    Path dir;

    @Test
    void dashboardsAreWellFormedAndUseOnlyTheProvisionedDatasource() {
        String uid = DashboardChecks.provisionedDatasourceUid(files);
        List<Dashboard> dashboards = files.dashboards();
        assertFalse(dashboards.isEmpty(), "no dashboards in grafana/dashboards");
        List<String> problems = new ArrayList<>();
        Set<String> uids = new HashSet<>();
        for (Dashboard dashboard : dashboards) {
            problems.addAll(DashboardChecks.problems(dashboard, uid));
            if (!uids.add(dashboard.json().path("uid").asText())) {
                problems.add(dashboard.name() + ": uid used by another dashboard");
            }
        }
        files.ruleDashboardUids().forEach((rule, dashboardUid) -> {
            if (!uids.contains(dashboardUid)) {
                problems.add(rule + ": annotation dashboard_uid " + dashboardUid + " names no dashboard");
            }
        });
        assertTrue(problems.isEmpty(), "dashboard problems:\n  " + String.join("\n  ", problems));
    }

    @Test
    void configsPassPromtoolAndAmtool() {
        Path promtool = TestTools.prometheus().resolveSibling("promtool");
        ToolRun.check(promtool.toString(), "check", "config", files.prometheusConfig().toString());
        for (Path rules : files.ruleFiles()) {
            ToolRun.check(promtool.toString(), "check", "rules", rules.toString());
        }
        Path amtool = TestTools.alertmanager().resolveSibling("amtool");
        assumeTrue(amtool.toFile().canExecute(), "amtool not installed");
        String config = "--config.file=" + files.alertmanagerConfig();
        ToolRun.check(amtool.toString(), "check-config", files.alertmanagerConfig().toString());
        Map<String, List<String>> routes = Map.of(
                "pager", List.of("alertname=VigilAnomaly", "series=a", "severity=critical"),
                "chat", List.of("alertname=VigilAnomaly", "series=a", "severity=major"),
                "payments-pager", List.of("alertname=VigilAnomaly", "severity=critical", "team=payments"),
                "payments-chat", List.of("alertname=VigilAnomaly", "severity=minor", "team=payments"),
                "vigil-pager", List.of("alertname=VigilModelNotLoaded", "severity=critical", "team=vigil"),
                "vigil-chat", List.of("alertname=VigilDeadLettersRising", "severity=warning", "team=vigil"));
        routes.forEach((receiver, labels) -> {
            List<String> command = new ArrayList<>(List.of(amtool.toString(), "config", "routes", "test", config,
                    "--verify.receivers=" + receiver));
            command.addAll(labels);
            ToolRun.check(command.toArray(String[]::new));
        });
    }

    @Test
    void everyExpressionReturnsDataFromPrometheusScrapingTheStreamer() throws Exception {
        Path modelFile = AnomalousTraffic.trainModel(dir);
        StreamerSettings settings = StreamerSettings.defaults();
        Instant start = Instant.now();
        try (KafkaTestCluster kafka = KafkaTestCluster.start();
             OnnxModel model = OnnxModel.load(modelFile, InferenceOptions.defaults());
             MeteredStreamer streamer = MeteredStreamer.start(kafka, settings, model, dir.resolve("state"));
             PrometheusServer prometheus = PrometheusServer.start(TestTools.prometheus(), dir,
                     TestPrometheusConfig.from(files, JOB, "127.0.0.1:" + streamer.port()))) {
            for (List<ProducerRecord<String, String>> round : TRAFFIC.rounds(settings.inputTopic(), ROUNDS,
                    System.currentTimeMillis())) {
                kafka.produce(round);
                Thread.sleep(1000);
            }
            awaitScrapedScores(prometheus, TRAFFIC.scoredRecords(), Duration.ofSeconds(60));
            Thread.sleep(3000); // a few more scrapes and rule evaluations after the last record
            Instant end = Instant.now();
            Set<String> exported = DashboardChecks.sampleNames(streamer.scrape());

            Map<String, String> builtIns = Map.of("__rate_interval", RATE_INTERVAL, "__interval", "1s",
                    "__range", Duration.between(start, end).toSeconds() + "s");
            ExpressionChecks checks = new ExpressionChecks(prometheus, start, end);
            files.dashboards().forEach(dashboard -> checks.dashboard(dashboard, builtIns));
            files.ruleQueries().forEach(checks::rule);
            checks.rulesHealthy();
            checks.metricsExist(exported, PROMETHEUS_SERIES);
            checks.validated().forEach(q -> System.out.printf("validated: %s: %s%n", q.origin(),
                    q.expr().strip().replaceAll("\\s+", " ")));

            assertTrue(prometheus.value("sum(vigil_anomalies_opened_total)") > 0, "the traffic opens anomalies");
            assertTrue(prometheus.value("sum(vigil_records_dead_lettered_total)") > 0, "the traffic has bad records");
            assertFalse(checks.validated().isEmpty(), "no expressions found");
            List<String> failures = checks.failures();
            assertTrue(failures.isEmpty(), failures.size() + " problems with " + checks.validated().size()
                    + " expressions:\n  "
                    + String.join("\n  ", failures) + "\nPrometheus log:\n" + prometheus.logTail());
        }
    }

    /** Waits until Prometheus has scraped a count of scored records that covers the whole traffic. */
    private static void awaitScrapedScores(PrometheusServer prometheus, int expected, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        double scored = Double.NaN;
        while (System.nanoTime() < deadline) {
            scored = prometheus.value("sum(vigil_records_scored_total{job=\"" + JOB + "\"})");
            if (scored >= expected) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Prometheus saw " + scored + " scored records, expected " + expected + ":\n"
                + prometheus.logTail());
    }
}
