package dev.lambdalens.logs;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.lambdalens.inventory.FunctionState;
import dev.lambdalens.inventory.FunctionSummary;
import dev.lambdalens.inventory.Inventory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/**
 * The demo account's logs: every minute, its functions' log lines of the minutes since the last run go through the
 * same parser and store as pushed logs do (the last two hours at startup). Scheduled by {@link LogsConfiguration}.
 */
@Component
@ConditionalOnExpression("'${lambdalens.source:demo}' == 'demo' and ${lambdalens.collector.enabled:true}")
class DemoLogs {

    static final String DEMO_ACCOUNT = "123456789012";

    static final Duration FIRST_BACKFILL = Duration.ofHours(2);

    private final Inventory inventory;

    private final LogIngest ingest;

    private final Clock clock;

    private volatile long until;

    DemoLogs(Inventory inventory, LogIngest ingest, Clock clock) {
        this.inventory = inventory;
        this.ingest = ingest;
        this.clock = clock;
    }

    static final Duration INTERVAL = Duration.ofMinutes(1);

    static final Duration FIRST_RUN_AFTER = Duration.ofSeconds(20);

    void run() {
        long now = Math.floorDiv(this.clock.instant().getEpochSecond(), 60) * 60;
        long from = (this.until > 0) ? this.until : now - FIRST_BACKFILL.toSeconds();
        List<LogIngest.FunctionEvents> batch = new ArrayList<>();
        for (FunctionSummary f : this.inventory.functions()) {
            if (!f.account().equals(DEMO_ACCOUNT) || f.state() != FunctionState.ACTIVE) {
                continue;
            }
            List<LogEvent> events = new ArrayList<>();
            for (long minute = from; minute < now; minute += 60) {
                events.addAll(DemoLogLines.of(f, minute));
            }
            if (!events.isEmpty()) {
                batch.add(new LogIngest.FunctionEvents(f.account(), f.region(), f.name(), events));
            }
        }
        if (!batch.isEmpty()) {
            this.ingest.ingest(batch);
            this.until = now;
        }
    }
}
