package dev.lambdalens.logs;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-invocation figures from Lambda's logs ({@code lambdalens.logs.*}).
 *
 * @param enabled whether the Firehose endpoint for CloudWatch Logs subscriptions accepts deliveries
 * @param accessKey the access key configured on that Firehose stream's HTTP endpoint ({@code LAMBDALENS_LOGS_ACCESS_KEY})
 * @param logGroups log groups that are not {@code /aws/lambda/<name>} (a function's LoggingConfig), mapped to the
 * function name
 * @param samplesPerGroup how many samples of each error group are kept; 0 keeps none at all
 * @param sampleLength the length a sample is cut to, in characters
 * @param insights the Logs Insights pull
 */
@ConfigurationProperties("lambdalens.logs")
record LogsProperties(@DefaultValue("false") boolean enabled, @Nullable String accessKey,
        @DefaultValue Map<String, String> logGroups, @DefaultValue("3") int samplesPerGroup,
        @DefaultValue("1000") int sampleLength, @DefaultValue Insights insights) {

    LogsProperties {
        if (enabled && (accessKey == null || accessKey.length() < 16)) {
            throw new IllegalArgumentException("lambdalens.logs.access-key must be set, at least 16 characters, "
                    + "when lambdalens.logs.enabled is true");
        }
        if (samplesPerGroup < 0 || samplesPerGroup > 20) {
            throw new IllegalArgumentException("lambdalens.logs.samples-per-group must be between 0 and 20");
        }
        if (sampleLength < 100 || sampleLength > 2000) {
            throw new IllegalArgumentException("lambdalens.logs.sample-length must be between 100 and 2000");
        }
    }

    /**
     * Logs Insights queries on a schedule, for functions whose logs are not pushed.
     *
     * @param enabled whether the queries run (with {@code lambdalens.source=aws})
     * @param functions a glob ({@code *}, {@code ?}) of the function names queried
     * @param interval time between runs; each run queries the minutes since the last one
     * @param initialDelay time from startup to the first run; the interval when not set
     * @param settleDelay how far behind now a run stops, so that late log events have arrived
     * @param maxConcurrentQueries queries running at once per account and region, below the account's limit
     * (30 by default) so that other users of Logs Insights keep theirs
     * @param maxLogGroupsPerQuery log groups named in one query (Logs Insights takes at most 50)
     * @param monthlyCapUsd no query starts once this month's scans have cost this much
     * @param pricePerGb the Logs Insights price per GB scanned
     * @param pollInterval time between GetQueryResults calls while a query runs
     * @param queryTimeout a query still running after this long is stopped and its minutes asked again next run
     * @param errors whether a second query per window reads the error lines for the error groups (it scans the same
     * events again: twice the bytes scanned)
     * @param rowsPerQuery the rows one query may return (Logs Insights' limit is 10,000); a window whose answer
     * reaches it is asked again in two halves
     */
    record Insights(@DefaultValue("false") boolean enabled, @DefaultValue("*") String functions,
            @DefaultValue("5m") Duration interval, @Nullable Duration initialDelay,
            @DefaultValue("5m") Duration settleDelay,
            @DefaultValue("4") int maxConcurrentQueries, @DefaultValue("20") int maxLogGroupsPerQuery,
            @DefaultValue("5") BigDecimal monthlyCapUsd, @DefaultValue("0.005") BigDecimal pricePerGb,
            @DefaultValue("1s") Duration pollInterval, @DefaultValue("2m") Duration queryTimeout,
            @DefaultValue("10000") int rowsPerQuery, @DefaultValue("true") boolean errors) {

        Insights {
            if (initialDelay != null && initialDelay.isNegative()) {
                throw new IllegalArgumentException("lambdalens.logs.insights.initial-delay must not be negative");
            }
            if (maxConcurrentQueries < 1 || maxConcurrentQueries > 100) {
                throw new IllegalArgumentException("lambdalens.logs.insights.max-concurrent-queries must be 1-100");
            }
            if (maxLogGroupsPerQuery < 1 || maxLogGroupsPerQuery > 50) {
                throw new IllegalArgumentException("lambdalens.logs.insights.max-log-groups-per-query must be 1-50");
            }
            if (interval.compareTo(Duration.ofMinutes(1)) < 0) {
                throw new IllegalArgumentException("lambdalens.logs.insights.interval must be at least 1m");
            }
            if (rowsPerQuery < 2 || rowsPerQuery > 10_000) {
                throw new IllegalArgumentException("lambdalens.logs.insights.rows-per-query must be 2-10000");
            }
            if (monthlyCapUsd.signum() < 0 || pricePerGb.signum() < 0) {
                throw new IllegalArgumentException("lambdalens.logs.insights amounts cannot be negative");
            }
        }

        /** When the first run starts after startup. */
        Duration firstRunAfter() {
            return (this.initialDelay != null) ? this.initialDelay : this.interval;
        }
    }
}
