package dev.lambdalens.inventory;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Reconciling discoveries into the inventory, on the Flyway schema (ddl-auto=validate).
 */
@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({ Inventory.class, TriggerStore.class, FunctionsSnapshot.class, AllocationHistory.class,
        dev.lambdalens.SecretCipher.class })
class InventoryTests {

    static final String ACCOUNT = "123456789012";

    static final Instant MONDAY = Instant.parse("2026-11-23T09:00:00Z");

    static final Instant TUESDAY = Instant.parse("2026-11-24T09:00:00Z");

    @Autowired
    Inventory inventory;

    @Autowired
    LambdaFunctionRepository repository;

    @Test
    void shouldAddNewFunctionsWithTheirConfigurationAndTags() {
        this.inventory.reconcile(ACCOUNT, "us-east-1", List.of(function("api", 512, Map.of("team", "a"))),
                limits(1000), MONDAY);
        FunctionSummary api = only("api");
        assertThat(api.memoryMb()).isEqualTo(512);
        assertThat(api.tags()).containsExactly(Map.entry("team", "a"));
        assertThat(api.state()).isEqualTo(FunctionState.ACTIVE);
        assertThat(api.firstSeen()).isEqualTo(MONDAY);
    }

    @Test
    void shouldUpdateAChangedConfigurationAndKeepWhenItWasFirstSeen() {
        this.inventory.reconcile(ACCOUNT, "us-east-1", List.of(function("api", 512, Map.of("team", "a"))),
                limits(1000), MONDAY);
        this.inventory.reconcile(ACCOUNT, "us-east-1", List.of(function("api", 1024, Map.of("team", "b", "env", "prod"))),
                limits(1000), TUESDAY);
        FunctionSummary api = only("api");
        assertThat(api.memoryMb()).isEqualTo(1024);
        assertThat(api.tags()).containsOnly(Map.entry("team", "b"), Map.entry("env", "prod"));
        assertThat(api.firstSeen()).isEqualTo(MONDAY);
        assertThat(api.lastSeen()).isEqualTo(TUESDAY);
    }

    @Test
    void shouldKeepTheHistoryOfWhatCostDependsOnFromTheSourcesLastModifiedTime() {
        this.inventory.reconcile(ACCOUNT, "us-east-1", List.of(function("api", 512, Map.of())), limits(1000), MONDAY);
        Instant changed = MONDAY.plusSeconds(3_600);
        DiscoveredFunction bigger = new DiscoveredFunction(ACCOUNT, "us-east-1", "api", "arn", "java21",
                Architecture.ARM64, 2048, 30, null, 1_000, Map.of("team", "b"), 0, 0, null, 1_024, changed);
        this.inventory.reconcile(ACCOUNT, "us-east-1", List.of(bigger), limits(1000), TUESDAY);
        // a change of tags or timeout alone is no new period of cost
        this.inventory.reconcile(ACCOUNT, "us-east-1", List.of(bigger), limits(1000), TUESDAY.plusSeconds(60));
        FunctionSummary api = only("api");
        assertThat(api.configurations()).containsExactly(
                new ConfigurationPeriod(Instant.EPOCH, 512, Architecture.ARM64, 512),
                new ConfigurationPeriod(changed, 2048, Architecture.ARM64, 1_024));
        assertThat(api.configurationAt(changed.minusSeconds(1)).memoryMb()).isEqualTo(512);
        assertThat(api.configurationAt(changed).memoryMb()).isEqualTo(2048);
        assertThat(api.configurationChangedBetween(MONDAY, TUESDAY)).isTrue();
        assertThat(api.configurationChangedBetween(TUESDAY, TUESDAY.plusSeconds(86_400))).isFalse();
    }

    @Test
    void shouldStartANewPeriodAtDiscoveryWhenTheSourceGivesNoPlausibleLastModifiedTime() {
        this.inventory.reconcile(ACCOUNT, "us-east-1", List.of(function("api", 512, Map.of())), limits(1000), MONDAY);
        DiscoveredFunction future = new DiscoveredFunction(ACCOUNT, "us-east-1", "api", "arn", "java21",
                Architecture.X86_64, 512, 30, null, 1_000, Map.of(), 0, 0, null, 512, TUESDAY.plusSeconds(86_400));
        this.inventory.reconcile(ACCOUNT, "us-east-1", List.of(future), limits(1000), TUESDAY);
        assertThat(only("api").configurations()).extracting(ConfigurationPeriod::validFrom)
            .containsExactly(Instant.EPOCH, TUESDAY);
    }

    @Test
    void shouldMarkAVanishedFunctionGoneAndBringItBackWhenItReturns() {
        this.inventory.reconcile(ACCOUNT, "us-east-1", List.of(function("api", 512, Map.of()), function("job", 128, Map.of())),
                limits(1000), MONDAY);
        this.inventory.reconcile(ACCOUNT, "us-east-1", List.of(function("api", 512, Map.of())), limits(1000), TUESDAY);
        assertThat(only("job").state()).isEqualTo(FunctionState.GONE);
        assertThat(this.inventory.activeFunctions(ACCOUNT, "us-east-1")).extracting(FunctionSummary::name)
            .containsExactly("api");
        this.inventory.reconcile(ACCOUNT, "us-east-1", List.of(function("api", 512, Map.of()), function("job", 128, Map.of())),
                limits(1000), TUESDAY.plusSeconds(60));
        assertThat(only("job").state()).isEqualTo(FunctionState.ACTIVE);
    }

    @Test
    void shouldLeaveOtherRegionsAloneDuringADiscovery() {
        this.inventory.reconcile(ACCOUNT, "eu-west-1", List.of(euFunction()), limits(400), MONDAY);
        this.inventory.reconcile(ACCOUNT, "us-east-1", List.of(), limits(1000), TUESDAY);
        assertThat(this.inventory.functionsNamed("eu-west-1", "eu-api").get(0).state()).isEqualTo(FunctionState.ACTIVE);
    }

    @Test
    void shouldStoreAnUnknownLimitAsUnknownNeverAsANumber() {
        this.inventory.reconcile(ACCOUNT, "us-east-1", List.of(), limits(1000), MONDAY);
        this.inventory.reconcile(ACCOUNT, "us-east-1", List.of(), AccountLimits.unknown(ACCOUNT, "us-east-1", TUESDAY),
                TUESDAY);
        AccountLimits limits = this.inventory.limits(ACCOUNT, "us-east-1").orElseThrow();
        assertThat(limits.concurrencyLimit()).isNull();
        assertThat(limits.checkedAt()).isEqualTo(TUESDAY);
    }

    @Test
    void shouldKeepTheFunctionListBetweenReadsAndSeeEveryChangeMadeHereOrByAnotherInstance() {
        FunctionsSnapshot otherInstance = new FunctionsSnapshot(this.repository);
        this.inventory.reconcile(ACCOUNT, "us-east-1", List.of(function("api", 512, Map.of("team", "a"))),
                limits(1000), MONDAY);
        List<FunctionSummary> first = this.inventory.functions();
        assertThat(this.inventory.functions()).isSameAs(first);
        assertThat(otherInstance.functions()).extracting(FunctionSummary::memoryMb).containsExactly(512);

        // only the tags change, at the same discovery time: the version still moves
        this.inventory.reconcile(ACCOUNT, "us-east-1", List.of(function("api", 512, Map.of("team", "b"))),
                limits(1000), MONDAY);
        assertThat(this.inventory.functions()).singleElement()
            .satisfies((api) -> assertThat(api.tags()).containsExactly(Map.entry("team", "b")));
        this.inventory.reconcile(ACCOUNT, "us-east-1", List.of(function("api", 1024, Map.of("team", "b"))),
                limits(1000), TUESDAY);
        assertThat(otherInstance.functions()).singleElement().satisfies((api) -> {
            assertThat(api.memoryMb()).isEqualTo(1024);
            assertThat(api.configurations()).hasSize(2);
        });
        this.inventory.reconcile(ACCOUNT, "us-east-1", List.of(), limits(1000), TUESDAY);
        assertThat(this.inventory.functions()).extracting(FunctionSummary::state).containsExactly(FunctionState.GONE);
        this.inventory.reconcile(ACCOUNT, "eu-west-1", List.of(euFunction()),
                new AccountLimits(ACCOUNT, "eu-west-1", 400, 400, TUESDAY), TUESDAY);
        assertThat(otherInstance.functions()).extracting(FunctionSummary::name).containsExactly("eu-api", "api");
    }

    @Test
    void shouldRefuseAFunctionReportedForAnotherRegion() {
        assertThatIllegalArgumentException().isThrownBy(() -> this.inventory.reconcile(ACCOUNT, "us-east-1",
                List.of(euFunction()), limits(1000), MONDAY));
    }

    private FunctionSummary only(String name) {
        List<FunctionSummary> found = this.inventory.functionsNamed("us-east-1", name);
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static DiscoveredFunction function(String name, int memory, Map<String, String> tags) {
        return new DiscoveredFunction(ACCOUNT, "us-east-1", name, "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:"
                + name, "java21", Architecture.ARM64, memory, 30, null, 1_000, tags);
    }

    private static DiscoveredFunction euFunction() {
        return new DiscoveredFunction(ACCOUNT, "eu-west-1", "eu-api", "arn:aws:lambda:eu-west-1:" + ACCOUNT
                + ":function:eu-api", "java21", Architecture.X86_64, 256, 30, 5, 1_000, Map.of());
    }

    private static AccountLimits limits(int limit) {
        return new AccountLimits(ACCOUNT, "us-east-1", limit, limit, MONDAY);
    }
}
