package dev.lambdalens.cost;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import dev.lambdalens.inventory.Architecture;
import dev.lambdalens.metrics.FunctionRef;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * Hand-computed bills: every expected figure below is worked out in the comment above it from AWS's published
 * us-east-1 prices ($0.20 per million requests; $0.0000166667 per GB-s x86_64, $0.0000133334 arm64; 1M requests and
 * 400,000 GB-s free per account and month).
 */
class BillCalculatorTests {

    static final CostProperties.FreeTier FREE_TIER = new CostProperties.FreeTier(1_000_000, 400_000);

    static final BillCalculator CALCULATOR = new BillCalculator(PriceList.builtIn(), FREE_TIER);

    static final FunctionRef API = new FunctionRef("111111111111", "us-east-1", "api");

    static final FunctionRef JOB = new FunctionRef("111111111111", "us-east-1", "job");

    static final LocalDate NOV_1 = LocalDate.of(2026, 11, 1);

    @Test
    void provisionedConcurrencyIsBilledAllocatedPlusExecutedWithoutFreeTier() {
        // api, 1,024 MB, 10 environments allocated all day: 10 x 1 GB x 86,400 s = 864,000 GB-s
        //   x $0.0000041667 = $3.6000288
        // 2,000,000 invocations of 100 ms ran on them: 200,000 GB-s x $0.0000097222 = $1.94444
        // spillover on demand: 500,000 GB-s, 400,000 free: 100,000 x $0.0000166667 = $1.66667
        // 2,500,000 requests, 1,000,000 free: 1,500,000 x $0.20/M = $0.30
        Usage day = new Usage(API, NOV_1, Architecture.X86_64, 2_500_000, 500_000, 0, 500_000,
                Usage.ComputeSource.DURATION_SUM, 864_000, 200_000);
        CostLine line = CALCULATOR.bill(List.of(day)).get(0);
        assertThat(line.provisionedCost()).isCloseTo(3.6000288 + 1.94444, within(1e-9));
        assertThat(line.computeCost()).isCloseTo(1.66667, within(1e-9));
        assertThat(line.requestCost()).isCloseTo(0.30, within(1e-9));
        assertThat(line.total()).isCloseTo(7.5111388, within(1e-9));
    }

    @Test
    void aMonthUnderTheFreeTierCostsNothing() {
        List<CostLine> lines = CALCULATOR.bill(List.of(
                usage(API, NOV_1, Architecture.X86_64, 500_000, 200_000),
                usage(API, NOV_1.plusDays(1), Architecture.X86_64, 499_999, 199_999)));
        assertThat(total(lines)).isZero();
    }

    @Test
    void aMonthStraddlingTheFreeTierPaysOnlyForWhatIsBeyondIt() {
        // day 1: 800,000 requests and 300,000 GB-s, all free
        // day 2: 700,000 requests, of which 200,000 free: 500,000 x $0.20/M = $0.10
        //        300,000 GB-s, of which 100,000 free: 200,000 x $0.0000166667 = $3.33334
        List<CostLine> lines = CALCULATOR.bill(List.of(
                usage(API, NOV_1, Architecture.X86_64, 800_000, 300_000),
                usage(API, NOV_1.plusDays(1), Architecture.X86_64, 700_000, 300_000)));
        assertThat(onDay(lines, NOV_1)).isZero();
        assertThat(lines.stream().mapToDouble(CostLine::requestCost).sum()).isCloseTo(0.10, within(1e-9));
        assertThat(lines.stream().mapToDouble(CostLine::computeCost).sum()).isCloseTo(3.33334, within(1e-9));
    }

    @Test
    void theFreePartOfADayIsSharedInProportionToUse() {
        // 600,000 GB-s on one day, 400,000 free: a third of each function's GB-s is billable
        // api 450,000 -> 150,000 x $0.0000166667 = $2.500005; job 150,000 -> 50,000 -> $0.833335
        List<CostLine> lines = CALCULATOR.bill(List.of(usage(API, NOV_1, Architecture.X86_64, 0, 450_000),
                usage(JOB, NOV_1, Architecture.X86_64, 0, 150_000)));
        assertThat(costOf(lines, API)).isCloseTo(2.500005, within(1e-9));
        assertThat(costOf(lines, JOB)).isCloseTo(0.833335, within(1e-9));
    }

    @Test
    void computeBeyondTheFirstX86TierIsTenPercentCheaper() {
        // 7,000,400,000 GB-s x86 in a month; 400,000 free leaves 7,000,000,000 billable:
        // 6,000,000,000 x $0.0000166667 = $100,000.20, then 1,000,000,000 x $0.0000150000 = $15,000.00
        List<CostLine> lines = CALCULATOR.bill(List.of(
                usage(API, NOV_1, Architecture.X86_64, 0, 4_000_400_000.0),
                usage(API, NOV_1.plusDays(1), Architecture.X86_64, 0, 3_000_000_000.0)));
        assertThat(total(lines)).isCloseTo(115_000.20, within(1e-4));
        // day 1 is all first tier: 4,000,000,000 x $0.0000166667 = $66,666.80
        assertThat(onDay(lines, NOV_1)).isCloseTo(66_666.80, within(1e-4));
    }

    @Test
    void arm64IsPricedAtItsOwnRate() {
        // 1,000,000 GB-s arm64, 600,000 billable x $0.0000133334 = $8.00004; 2,000,000 requests: 1,000,000 x 0.20/M
        List<CostLine> lines = CALCULATOR.bill(List.of(usage(API, NOV_1, Architecture.ARM64, 2_000_000, 1_000_000)));
        assertThat(lines.get(0).computeCost()).isCloseTo(8.00004, within(1e-9));
        assertThat(lines.get(0).requestCost()).isCloseTo(0.20, within(1e-9));
        assertThat(lines.get(0).arm64Saving()).isZero();
    }

    @Test
    void anX86FunctionShowsWhatArm64WouldSave() {
        // 1,400,000 GB-s x86, 1,000,000 billable: $16.6667 on x86, $13.3334 on arm64, saving $3.3333
        List<CostLine> lines = CALCULATOR.bill(List.of(usage(API, NOV_1, Architecture.X86_64, 0, 1_400_000)));
        assertThat(lines.get(0).computeCost()).isCloseTo(16.6667, within(1e-9));
        assertThat(lines.get(0).arm64Saving()).isCloseTo(3.3333, within(1e-9));
    }

    @Test
    void severalRegionsShareOneFreeTierAndPayTheirOwnPrices() {
        // eu-west-1 priced at $0.25 per million requests and $0.00002 per GB-s x86 (configuration)
        PriceList prices = new PriceList(Map.of("eu-west-1", new CostProperties.PriceOverride(new BigDecimal("0.25"),
                List.of(new Tier(0, new BigDecimal("0.00002"))), null, null, null, null)));
        BillCalculator calculator = new BillCalculator(prices, FREE_TIER);
        FunctionRef eu = new FunctionRef("111111111111", "eu-west-1", "api");
        // 1,600,000 requests, 1,000,000 free: 37.5% billable, 300,000 in each region
        //   us: 300,000 x $0.20/M = $0.06; eu: 300,000 x $0.25/M = $0.075
        // 600,000 GB-s, 400,000 free: a third billable, 100,000 in each region
        //   us: 100,000 x $0.0000166667 = $1.66667; eu: 100,000 x $0.00002 = $2.00
        List<CostLine> lines = calculator.bill(List.of(usage(API, NOV_1, Architecture.X86_64, 800_000, 300_000),
                usage(eu, NOV_1, Architecture.X86_64, 800_000, 300_000)));
        assertThat(costOf(lines, API)).isCloseTo(0.06 + 1.66667, within(1e-9));
        assertThat(costOf(lines, eu)).isCloseTo(0.075 + 2.00, within(1e-9));
    }

    @Test
    void eachAccountHasItsOwnFreeTier() {
        FunctionRef other = new FunctionRef("222222222222", "us-east-1", "api");
        List<CostLine> lines = CALCULATOR.bill(List.of(usage(API, NOV_1, Architecture.X86_64, 900_000, 390_000),
                usage(other, NOV_1, Architecture.X86_64, 900_000, 390_000)));
        assertThat(total(lines)).isZero();
    }

    @Test
    void ephemeralStorageAboveTheIncludedSizeHasNoFreeTier() {
        // 1,000,000 GB-s of extra /tmp x $0.0000000309 = $0.0309
        List<CostLine> lines = CALCULATOR.bill(List.of(new Usage(API, NOV_1, Architecture.X86_64, 0, 0, 1_000_000)));
        assertThat(lines.get(0).ephemeralStorageCost()).isCloseTo(0.0309, within(1e-12));
    }

    @Test
    void refusesUsageFromTwoMonthsInOneBill() {
        assertThatIllegalArgumentException().isThrownBy(() -> CALCULATOR.bill(List.of(
                usage(API, NOV_1, Architecture.X86_64, 1, 1), usage(API, NOV_1.minusDays(1), Architecture.X86_64, 1, 1))));
    }

    @Test
    void refusesPricesThatCannotWorkNamingTheProperty() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new PriceList(Map.of("eu-west-1", new CostProperties.PriceOverride(null,
                    List.of(new Tier(1_000, new BigDecimal("0.00002"))), null, null, null, null))))
            .withMessageContaining("lambdalens.cost.prices.eu-west-1")
            .withMessageContaining("from 0 GB-s");
    }

    static Usage usage(FunctionRef function, LocalDate day, Architecture architecture, double requests,
            double gbSeconds) {
        return new Usage(function, day, architecture, requests, gbSeconds, 0);
    }

    static double total(List<CostLine> lines) {
        return lines.stream().mapToDouble(CostLine::total).sum();
    }

    static double onDay(List<CostLine> lines, LocalDate day) {
        return lines.stream().filter((l) -> l.day().equals(day)).mapToDouble(CostLine::total).sum();
    }

    static double costOf(List<CostLine> lines, FunctionRef function) {
        return lines.stream().filter((l) -> l.function().equals(function)).mapToDouble(CostLine::total).sum();
    }
}
