package dev.lambdalens.metrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The stored Lambda metrics in the Prometheus text format, for Prometheus and Grafana users who would otherwise run a
 * CloudWatch exporter: per series its latest minute (within the last 15), as a gauge named
 * {@code lambdalens_lambda_<metric>_<statistic>} with {@code account}, {@code region} and {@code function_name}
 * labels, stamped with the minute it describes (CloudWatch data arrives minutes late). Opt-in:
 * {@code lambdalens.prometheus.enabled=true}. Written by the Prometheus client library's own text writer.
 */
@RestController
class PrometheusExposition {

    static final Duration LOOKBACK = Duration.ofMinutes(15);

    private final JdbcClient jdbc;

    private final boolean enabled;

    private final Clock clock;

    PrometheusExposition(JdbcClient jdbc, @Value("${lambdalens.prometheus.enabled:false}") boolean enabled,
            Clock clock) {
        this.jdbc = jdbc;
        this.enabled = enabled;
        this.clock = clock;
    }

    @GetMapping("/api/v1/prometheus")
    ResponseEntity<String> scrape() throws IOException {
        if (!this.enabled) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_PLAIN)
                .body("The Prometheus exposition of Lambda metrics is off: set lambdalens.prometheus.enabled=true\n");
        }
        long since = this.clock.instant().minus(LOOKBACK).getEpochSecond();
        Map<String, List<GaugeSnapshot.GaugeDataPointSnapshot>> gauges = new LinkedHashMap<>();
        this.jdbc.sql("select s.account_id, s.region, s.function_name, s.metric, s.statistic, v.ts, v.val "
                + "from metric_series s join metric_sample v on v.series_id = s.id "
                + "where v.ts = (select max(w.ts) from metric_sample w where w.series_id = s.id and w.ts >= :since) "
                + "order by s.metric, s.statistic, s.account_id, s.region, s.function_name")
            .param("since", since)
            .query((rs) -> {
                Labels labels = rs.getString(3).isEmpty() ? Labels.of("account", rs.getString(1), "region", rs.getString(2))
                        : Labels.of("account", rs.getString(1), "region", rs.getString(2), "function_name",
                                rs.getString(3));
                gauges.computeIfAbsent(name(rs.getString(4), rs.getString(5)), (k) -> new ArrayList<>())
                    .add(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                        .value(rs.getDouble(7))
                        .labels(labels)
                        .scrapeTimestampMillis(rs.getLong(6) * 1000)
                        .build());
            });
        MetricSnapshots.Builder snapshots = MetricSnapshots.builder();
        gauges.forEach((name, points) -> {
            GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name)
                .help("CloudWatch " + name.substring("lambdalens_lambda_".length()) + " per minute, as stored");
            points.forEach(gauge::dataPoint);
            snapshots.metricSnapshot(gauge.build());
        });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, snapshots.build(), EscapingScheme.UNDERSCORE_ESCAPING);
        return ResponseEntity.ok()
            .contentType(MediaType.parseMediaType(PrometheusTextFormatWriter.CONTENT_TYPE))
            .body(out.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** {@code ConcurrentExecutions} and {@code p99} become {@code lambdalens_lambda_concurrent_executions_p99}. */
    static String name(String metric, String statistic) {
        String snake = metric.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        return "lambdalens_lambda_" + snake + "_" + statistic.toLowerCase(Locale.ROOT);
    }
}
