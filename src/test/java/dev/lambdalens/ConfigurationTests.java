package dev.lambdalens;

import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A setting out of range stops startup with a message that names it, rather than running with a surprise.
 */
class ConfigurationTests {

    @Test
    void shouldRefuseACollectionIntervalBelowTenSeconds() {
        assertThatThrownBy(() -> start("--lambdalens.collector.interval=1s")).hasStackTraceContaining(
                "lambdalens.collector.interval must be at least 10s but is 1s");
    }

    @Test
    void shouldRefuseABackfillBeyondCloudWatchRetention() {
        assertThatThrownBy(() -> start("--lambdalens.collector.backfill-horizon=30d"))
            .hasStackTraceContaining("lambdalens.collector.backfill-horizon must be at most 15d (CloudWatch keeps 1-minute data for 15 days) but is 30d");
    }

    @Test
    void shouldRefuseTiersThatDoNotStartAtZeroNamingTheRegion() {
        assertThatThrownBy(() -> start("--lambdalens.cost.prices.eu-west-1.x86[0].from-gb-seconds=100",
                "--lambdalens.cost.prices.eu-west-1.x86[0].price-per-gb-second=0.00002"))
            .hasStackTraceContaining("lambdalens.cost.prices.eu-west-1: The x86 tiers must start with a tier from 0 GB-s");
    }

    @Test
    void shouldRefuseANegativeFreeTier() {
        assertThatThrownBy(() -> start("--lambdalens.cost.free-tier.requests=-1"))
            .hasStackTraceContaining("lambdalens.cost.free-tier amounts cannot be negative");
    }

    @Test
    void shouldRefuseAnUnknownSource() {
        assertThatThrownBy(() -> start("--lambdalens.source=cloud")).hasStackTraceContaining("lambdalens.source");
    }

    @Test
    void shouldRefuseAnAwsRegionThatIsNotARegionName() {
        assertThatThrownBy(() -> start("--lambdalens.source=aws", "--lambdalens.aws.regions=us-east-1,Frankfurt"))
            .hasStackTraceContaining("lambdalens.aws.regions: 'Frankfurt' is not an AWS region name");
    }

    @Test
    void shouldRefuseARoleArnThatIsNotARoleArn() {
        assertThatThrownBy(() -> start("--lambdalens.source=aws", "--lambdalens.aws.accounts[0].role-arn=admin"))
            .hasStackTraceContaining("'admin' is not an IAM role ARN");
    }

    @Test
    void shouldRefuseStaticCredentialsWithoutAnEmulatorEndpoint() {
        assertThatThrownBy(() -> start("--lambdalens.source=aws", "--lambdalens.aws.access-key-id=AKIA",
                "--lambdalens.aws.secret-access-key=secret"))
            .hasStackTraceContaining("lambdalens.aws.access-key-id is for emulators only");
    }

    @Test
    void shouldTakeRegionPricesFromConfigurationFieldByField() {
        try (ConfigurableApplicationContext context = start("--lambdalens.cost.prices.eu-west-1.requests-per-million=0.25",
                "--lambdalens.cost.prices.default.arm64[0].from-gb-seconds=0",
                "--lambdalens.cost.prices.default.arm64[0].price-per-gb-second=0.00001")) {
            dev.lambdalens.cost.PriceList prices = context.getBean(dev.lambdalens.cost.CostLedger.class).prices();
            assertThat(prices.in("eu-west-1").requestsPerMillion()).isEqualByComparingTo("0.25");
            assertThat(prices.in("eu-west-1").arm64().get(0).pricePerGbSecond()).isEqualByComparingTo("0.00001");
            assertThat(prices.in("eu-west-1").x86()).isEqualTo(dev.lambdalens.cost.RegionPrices.US_EAST_1.x86());
            assertThat(prices.in("us-east-1").requestsPerMillion()).isEqualByComparingTo("0.20");
        }
    }

    @Test
    void shouldStartWithTheDefaults() {
        try (ConfigurableApplicationContext context = start()) {
            assertThat(context.isRunning()).isTrue();
        }
    }

    private static ConfigurableApplicationContext start(String... args) {
        return new SpringApplicationBuilder(LambdaLensApplication.class).web(WebApplicationType.NONE)
            .run(java.util.stream.Stream.concat(java.util.stream.Stream.of(
                    "--spring.datasource.url=jdbc:h2:mem:config-" + System.nanoTime(),
                    "--lambdalens.collector.enabled=false"), java.util.Arrays.stream(args)).toArray(String[]::new));
    }
}
