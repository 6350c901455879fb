package dev.lambdalens.collector.source.aws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import dev.lambdalens.collector.source.Discovery;
import dev.lambdalens.collector.source.SourceRegion;
import dev.lambdalens.inventory.Architecture;
import dev.lambdalens.inventory.DiscoveredFunction;
import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.Point;
import dev.lambdalens.metrics.SeriesKey;
import dev.lambdalens.metrics.Statistic;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The AWS adapter driving the real SDK clients over HTTP against {@link AwsStub}, which speaks CloudWatch's CBOR,
 * Lambda's REST-JSON and STS's query protocol.
 */
class AwsMetricSourceTests {

    static final String HOME = AwsStub.HOME_ACCOUNT;

    static final String OTHER = "222222222222";

    static final Instant START = Instant.parse("2026-11-28T08:00:00Z");

    static final Instant END = START.plus(Duration.ofHours(2));

    AwsStub stub;

    AwsMetricSource source;

    SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void start() throws Exception {
        this.stub = new AwsStub();
        this.stub.concurrencyLimits.put(HOME + "/us-east-1", 1000);
        this.stub.concurrencyLimits.put(HOME + "/eu-west-1", 400);
        AwsProperties properties = new AwsProperties(List.of("us-east-1", "eu-west-1"),
                List.of(new AwsProperties.Account("arn:aws:iam::" + OTHER + ":role/LambdaLensReadOnly", "ext-1")),
                true, this.stub.endpoint(), AwsStub.HOME_ACCESS_KEY, "secret", AwsProperties.RetryMode.STANDARD, 50,
                100, Duration.ofSeconds(5));
        this.source = new AwsMetricSource(properties, this.meters, Clock.fixed(END, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        this.source.close();
        this.stub.close();
    }

    @Test
    void shouldIdentifyEachAccountThroughStsAndCoverEveryRegion() {
        assertThat(this.source.regions()).containsExactly(new SourceRegion(HOME, "us-east-1"),
                new SourceRegion(HOME, "eu-west-1"), new SourceRegion(OTHER, "us-east-1"),
                new SourceRegion(OTHER, "eu-west-1"));
    }

    @Test
    void shouldListFunctionsPageByPageWithTheirReservedConcurrencyAndTags() {
        for (int i = 0; i < 120; i++) {
            this.stub.addFunction(HOME, "us-east-1", new AwsStub.StubFunction("fn-" + i, "python3.12",
                    (i % 2 == 0) ? "arm64" : "x86_64", 128 + i, 30, (i == 7) ? 25 : null, 1000L + i,
                    Map.of("team", "t" + (i % 3)), (i == 7) ? List.of(1_000L, 2_500L) : List.of(),
                    (i == 7) ? "vpc-0abc" : null, i == 3));
        }
        Discovery discovery = this.source.discover(new SourceRegion(HOME, "us-east-1"));
        assertThat(discovery.functions()).hasSize(120);
        assertThat(this.stub.listFunctionsCalls).hasValue(3);
        assertThat(this.stub.getFunctionCalls).hasValue(120);
        DiscoveredFunction seventh = discovery.functions().stream().filter((f) -> f.name().equals("fn-7")).findFirst()
            .orElseThrow();
        assertThat(seventh.reservedConcurrency()).isEqualTo(25);
        assertThat(seventh.architecture()).isEqualTo(Architecture.X86_64);
        assertThat(seventh.memoryMb()).isEqualTo(135);
        assertThat(seventh.tags()).containsExactly(Map.entry("team", "t1"));
        assertThat(seventh.arn()).isEqualTo("arn:aws:lambda:us-east-1:" + HOME + ":function:fn-7");
        assertThat(seventh.layerCount()).isEqualTo(2);
        assertThat(seventh.layersCodeSizeBytes()).isEqualTo(3_500);
        assertThat(seventh.vpcId()).isEqualTo("vpc-0abc");
        assertThat(discovery.functions().get(0).vpcId()).isNull();
        assertThat(discovery.functions().stream().filter(DiscoveredFunction::lambdaInsights).map(DiscoveredFunction::name))
            .containsExactly("fn-3");
        assertThat(discovery.limits().concurrencyLimit()).isEqualTo(1000);
        assertThat(discovery.limits().unreservedConcurrencyLimit()).isEqualTo(900);
    }

    @Test
    void shouldReportTheLimitAsUnknownWhereGetAccountSettingsIsRefused() {
        Discovery discovery = this.source.discover(new SourceRegion(OTHER, "us-east-1"));
        assertThat(discovery.limits().concurrencyLimit()).isNull();
        assertThat(discovery.limits().unreservedConcurrencyLimit()).isNull();
    }

    @Test
    void shouldReturnExactlyTheStubsDatapointsWhateverTheirOrderAndPaging() {
        List<SeriesKey> series = load(HOME, "us-east-1", 3, 1);
        this.stub.datapointsPerPage = 700;
        Map<SeriesKey, List<Point>> answer = this.source.fetch(new SourceRegion(HOME, "us-east-1"), series, START, END);
        assertExact(HOME, "us-east-1", series, answer);
        assertThat(this.stub.getMetricDataCalls.get()).isGreaterThan(1);
        assertThat(this.meters.counter("lambdalens.aws.cloudwatch.metrics.requested", "account", HOME, "region",
                "us-east-1").count()).isEqualTo(series.size() * (double) this.stub.getMetricDataCalls.get());
    }

    @Test
    void shouldKeepAccountsAndRegionsApart() {
        List<SeriesKey> home = load(HOME, "eu-west-1", 2, 1);
        List<SeriesKey> other = load(OTHER, "eu-west-1", 2, 2);
        assertExact(HOME, "eu-west-1", home, this.source.fetch(new SourceRegion(HOME, "eu-west-1"), home, START, END));
        assertExact(OTHER, "eu-west-1", other,
                this.source.fetch(new SourceRegion(OTHER, "eu-west-1"), other, START, END));
    }

    @Test
    void shouldAskAgainForAQueryAnsweredWithInternalError() {
        List<SeriesKey> series = load(HOME, "us-east-1", 2, 1);
        this.stub.internalErrorOnce.add(AwsStub.seriesKey(HOME, "us-east-1", "fn-1", "Duration", "p99"));
        Map<SeriesKey, List<Point>> answer = this.source.fetch(new SourceRegion(HOME, "us-east-1"), series, START, END);
        assertExact(HOME, "us-east-1", series, answer);
        assertThat(this.stub.queriesPerCall).containsExactly(series.size(), 1);
    }

    @Test
    void shouldRideOutThrottlingAndServerErrorsWithTheSdkRetryStrategy() {
        List<SeriesKey> series = load(HOME, "us-east-1", 1, 1);
        SourceRegion region = new SourceRegion(HOME, "us-east-1");
        this.stub.throttleGetMetricData = 2;
        assertExact(HOME, "us-east-1", series, this.source.fetch(region, series, START, END));
        this.stub.throttleStatus = 429;
        this.stub.throttleGetMetricData = 2;
        assertExact(HOME, "us-east-1", series, this.source.fetch(region, series, START, END));
        this.stub.failGetMetricDataWith500 = 1;
        assertExact(HOME, "us-east-1", series, this.source.fetch(region, series, START, END));
    }

    @Test
    void shouldRetryACallThatTimesOut() {
        List<SeriesKey> series = load(HOME, "us-east-1", 1, 1);
        this.stub.delayGetMetricDataMillis = 8_000;
        this.stub.delayedGetMetricData = 1;
        assertExact(HOME, "us-east-1", series,
                this.source.fetch(new SourceRegion(HOME, "us-east-1"), series, START, END));
        assertThat(this.stub.getMetricDataCalls).hasValue(2);
    }

    @Test
    void shouldGiveUpWhenThrottlingOutlastsTheRetries() {
        List<SeriesKey> series = load(HOME, "us-east-1", 1, 1);
        this.stub.throttleGetMetricData = 10;
        assertThatExceptionOfType(SdkException.class)
            .isThrownBy(() -> this.source.fetch(new SourceRegion(HOME, "us-east-1"), series, START, END))
            .withMessageContaining("Rate exceeded");
        assertThat(this.meters.counter("lambdalens.aws.api.calls", "service", "CloudWatch", "operation",
                "GetMetricData", "outcome", "failure", "account", HOME, "region", "us-east-1").count()).isEqualTo(1);
    }

    @Test
    void shouldRefuseAnAnswerWhoseTimestampsAndValuesDisagree() {
        List<SeriesKey> series = load(HOME, "us-east-1", 1, 1);
        this.stub.mismatchedValues = true;
        assertThatExceptionOfType(CloudWatchAnswerException.class)
            .isThrownBy(() -> this.source.fetch(new SourceRegion(HOME, "us-east-1"), series, START, END))
            .withMessageContaining("timestamps but");
    }

    /** Functions fn-0.. with every per-function series, datapoints for most minutes (idle minutes absent). */
    private List<SeriesKey> load(String account, String region, int functions, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<SeriesKey> series = new ArrayList<>();
        for (int f = 0; f < functions; f++) {
            String name = "fn-" + f;
            this.stub.addFunction(account, region, new AwsStub.StubFunction(name, "java21", "arm64", 512, 30, null,
                    1000, Map.of()));
            for (LambdaMetric metric : LambdaMetric.values()) {
                if (!metric.scope().perFunction() || metric.qualified()) {
                    continue;
                }
                for (Statistic statistic : metric.statistics()) {
                    series.add(SeriesKey.ofFunction(account, region, name, metric, statistic));
                    for (long t = START.getEpochSecond(); t < END.getEpochSecond(); t += 60) {
                        if (random.nextInt(10) > 0) {
                            this.stub.put(account, region, name, metric.metricName(), statistic.wireName(), t,
                                    Math.round(random.nextDouble() * 100_000) / 100.0);
                        }
                    }
                }
            }
        }
        return series;
    }

    private void assertExact(String account, String region, List<SeriesKey> series, Map<SeriesKey, List<Point>> answer) {
        assertThat(answer.keySet()).containsExactlyInAnyOrderElementsOf(series);
        for (SeriesKey key : series) {
            List<Point> expected = new ArrayList<>();
            this.stub.datapoints
                .getOrDefault(AwsStub.seriesKey(account, region, key.functionName(), key.metric().metricName(),
                        key.statistic().wireName()), new java.util.TreeMap<>())
                .subMap(START.getEpochSecond(), END.getEpochSecond())
                .forEach((t, v) -> expected.add(new Point(t, v)));
            assertThat(answer.get(key)).as(key.toString()).isNotEmpty().containsExactlyElementsOf(expected);
        }
    }
}
