package dev.lambdalens.collector.source.aws;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.lambdalens.collector.source.Discovery;
import dev.lambdalens.collector.source.KnownInventory;
import dev.lambdalens.collector.source.MetricSource;
import dev.lambdalens.collector.source.SourceLimits;
import dev.lambdalens.collector.source.SourceRegion;
import dev.lambdalens.metrics.Point;
import dev.lambdalens.metrics.SeriesKey;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Real AWS behind the {@link MetricSource} port: every configured region of every monitored account.
 */
public class AwsMetricSource implements MetricSource, AutoCloseable {

    private final AwsProperties properties;

    private final AwsClients clients;

    private final AccountDirectory accounts;

    private final LambdaInventoryReader inventory;

    private final GetMetricDataFetcher metrics;

    public AwsMetricSource(AwsProperties properties, MeterRegistry registry, Clock clock) {
        this.properties = properties;
        this.clients = new AwsClients(properties, registry);
        this.accounts = new AccountDirectory(properties, this.clients);
        CallRates rates = new CallRates();
        this.inventory = new LambdaInventoryReader(this.clients, clock, rates, properties.getFunctionPerSecond());
        this.metrics = new GetMetricDataFetcher(this.clients, registry, rates, properties.getMetricDataPerSecond());
    }

    @Override
    public List<SourceRegion> regions() {
        return this.accounts.accounts()
            .stream()
            .flatMap((account) -> this.properties.regions().stream().map((r) -> new SourceRegion(account.id(), r)))
            .toList();
    }

    @Override
    public SourceLimits limits() {
        return SourceLimits.GET_METRIC_DATA;
    }

    @Override
    public Discovery discover(SourceRegion region) {
        return discover(region, KnownInventory.of(List.of(), true, java.util.Set.of()));
    }

    @Override
    public Discovery discover(SourceRegion region, KnownInventory known) {
        return this.inventory.discover(account(region), region.region(), known);
    }

    @Override
    public Map<SeriesKey, List<Point>> fetch(SourceRegion region, List<SeriesKey> series, Instant start, Instant end) {
        return this.metrics.fetch(account(region), region.region(), series, start, end);
    }

    private AwsAccount account(SourceRegion region) {
        return this.accounts.accounts()
            .stream()
            .filter((a) -> a.id().equals(region.account()))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("Account " + region.account() + " is not monitored"));
    }

    @Override
    public void close() {
        this.inventory.close();
        this.clients.close();
    }
}
