package dev.lambdalens.logs;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The monitor's own Logs Insights bill: queries run and bytes scanned per account, region and month, priced at
 * {@code lambdalens.logs.insights.price-per-gb} (GB as 2^30 bytes), and the monthly cap that stops new queries.
 */
@Service
public class InsightsUsage {

    private static final double GB = 1024.0 * 1024 * 1024;

    private final JdbcClient jdbc;

    private final LogsProperties properties;

    private final Clock clock;

    InsightsUsage(JdbcClient jdbc, LogsProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    void add(String account, String region, long bytesScanned) {
        String month = month();
        int updated = this.jdbc.sql("update log_insights_usage set queries = queries + 1, "
                + "bytes_scanned = bytes_scanned + ? where account_id = ? and region = ? and usage_month = ?")
            .params(bytesScanned, account, region, month)
            .update();
        if (updated == 0) {
            this.jdbc.sql("insert into log_insights_usage (account_id, region, usage_month, queries, bytes_scanned) "
                    + "values (?, ?, ?, 1, ?)")
                .params(account, region, month, bytesScanned)
                .update();
        }
    }

    /** Bytes the month's queries scanned, every account and region together. */
    public long bytesScannedThisMonth() {
        Long bytes = this.jdbc.sql("select coalesce(sum(bytes_scanned), 0) from log_insights_usage where usage_month = ?")
            .param(month())
            .query(Long.class)
            .single();
        return (bytes != null) ? bytes : 0;
    }

    /** Queries run this month. */
    public long queriesThisMonth() {
        Long queries = this.jdbc.sql("select coalesce(sum(queries), 0) from log_insights_usage where usage_month = ?")
            .param(month())
            .query(Long.class)
            .single();
        return (queries != null) ? queries : 0;
    }

    /** What this month's Logs Insights queries cost so far, in USD. */
    public BigDecimal monthToDateUsd() {
        return BigDecimal.valueOf(bytesScannedThisMonth() / GB)
            .multiply(this.properties.insights().pricePerGb())
            .setScale(4, RoundingMode.HALF_UP);
    }

    /** The cap set for a month, in USD. */
    public BigDecimal monthlyCapUsd() {
        return this.properties.insights().monthlyCapUsd();
    }

    /** Whether the pull is on at all. */
    public boolean enabled() {
        return this.properties.insights().enabled();
    }

    boolean capReached() {
        return monthToDateUsd().compareTo(monthlyCapUsd()) >= 0;
    }

    private String month() {
        return YearMonth.now(this.clock.withZone(ZoneOffset.UTC)).toString();
    }
}
