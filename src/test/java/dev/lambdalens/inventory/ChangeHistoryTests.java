package dev.lambdalens.inventory;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.lambdalens.inventory.FunctionChange.Difference;
import dev.lambdalens.inventory.FunctionChange.Setting;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The change history discovery fills: one row per detected code or configuration change, with what changed from what
 * to what and when, on the Flyway schema (ddl-auto=validate).
 */
@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({ Inventory.class, TriggerStore.class, FunctionsSnapshot.class, AllocationHistory.class,
        dev.lambdalens.SecretCipher.class })
class ChangeHistoryTests {

    static final String ACCOUNT = "123456789012";

    static final String REGION = "us-east-1";

    static final Instant MONDAY = Instant.parse("2026-11-23T09:00:00Z");

    static final Instant TUESDAY = Instant.parse("2026-11-24T09:00:00Z");

    @Autowired
    Inventory inventory;

    @Test
    void shouldRecordNoChangeWhenNothingTrackedChanged() {
        discover(api().build(), MONDAY);
        discover(api().build(), TUESDAY);
        // tags are not a change of code or configuration the charts mark
        discover(api().tags(Map.of("team", "b")).build(), TUESDAY.plusSeconds(60));
        assertThat(changes()).isEmpty();
    }

    @Test
    void shouldRecordAMemoryChangeAtTheSourcesLastModifiedTimeAsTheConfigurationHistoryDoes() {
        discover(api().build(), MONDAY);
        Instant changed = MONDAY.plusSeconds(3_600);
        discover(api().memory(1024).lastModified(changed).build(), TUESDAY);
        assertThat(changes()).containsExactly(new FunctionChange(changed, null,
                List.of(new Difference(Setting.MEMORY, "512", "1024"))));
        FunctionChange change = changes().get(0);
        assertThat(change.memoryBefore()).isEqualTo(512);
        assertThat(change.memoryAfter()).isEqualTo(1024);
        assertThat(change.description()).isEqualTo("memory 512 MB → 1024 MB");
        // the marker and the bill agree on when the memory changed
        FunctionSummary api = this.inventory.functionsNamed(REGION, "api").get(0);
        assertThat(api.configurations().get(1).validFrom()).isEqualTo(changed);
    }

    @Test
    void shouldRecordATimeoutChangeAtDiscoveryWhenTheLastModifiedTimeIsNotPlausible() {
        discover(api().build(), MONDAY);
        // in the future of the discovery: the discovery's time stands
        discover(api().timeout(60).lastModified(TUESDAY.plusSeconds(600)).build(), TUESDAY);
        assertThat(changes()).containsExactly(new FunctionChange(TUESDAY, null,
                List.of(new Difference(Setting.TIMEOUT, "30", "60"))));
        assertThat(changes().get(0).description()).isEqualTo("timeout 30 s → 60 s");
    }

    @Test
    void shouldRecordArchitectureRuntimeAndCodeChangesOfOneDeploymentAsOneChange() {
        discover(api().build(), MONDAY);
        Instant deployed = MONDAY.plusSeconds(7_200);
        discover(api().architecture(Architecture.X86_64).runtime(null).code("sha-2").revision("rev-2")
            .lastModified(deployed).build(), TUESDAY);
        assertThat(changes()).hasSize(1);
        FunctionChange change = changes().get(0);
        assertThat(change.at()).isEqualTo(deployed);
        assertThat(change.differences()).containsExactly(new Difference(Setting.ARCHITECTURE, "arm64", "x86_64"),
                new Difference(Setting.RUNTIME, "java21", null), new Difference(Setting.CODE, "sha-1", "sha-2"),
                new Difference(Setting.REVISION, "rev-1", "rev-2"));
        assertThat(change.architectureBefore()).isEqualTo(Architecture.ARM64);
        // the revision goes with the rest and is not written out
        assertThat(change.description())
            .isEqualTo("architecture arm64 → x86_64; runtime java21 → container image; code sha-1 → sha-2");
    }

    @Test
    void shouldRecordACodeChangeAloneAndARevisionAloneAsAConfigurationUpdate() {
        discover(api().build(), MONDAY);
        discover(api().code("sha-2").revision("rev-2").build(), TUESDAY);
        discover(api().code("sha-2").revision("rev-3").build(), TUESDAY.plusSeconds(600));
        assertThat(changes()).extracting(FunctionChange::description).containsExactly("code sha-1 → sha-2",
                "configuration updated (revision rev-2 → rev-3)");
    }

    @Test
    void shouldTreatAHashOrRevisionTheSourceDidNotReportAsUnknownNotChanged() {
        discover(api().build(), MONDAY);
        discover(api().code(null).revision(null).build(), TUESDAY);
        assertThat(changes()).isEmpty();
    }

    @Test
    void shouldRecordVersionsPublishedWithWhatChangedSinceTheVersionBefore() {
        Instant one = MONDAY.minusSeconds(86_400 * 2);
        Instant two = MONDAY.minusSeconds(86_400);
        // first discovery: nothing to compare $LATEST with, but its versions tell what changed before
        discover(api().memory(1024).versions(new PublishedVersion("1", "sha-1", 512, one),
                new PublishedVersion("2", "sha-1", 1024, two)).build(), MONDAY);
        assertThat(changes()).containsExactly(new FunctionChange(one, "1", List.of()),
                new FunctionChange(two, "2", List.of(new Difference(Setting.MEMORY, "512", "1024"))));
        assertThat(changes().get(1).description()).isEqualTo("memory 512 MB → 1024 MB; version 2 published");
        // listed again: nothing new
        discover(api().memory(1024).versions(new PublishedVersion("1", "sha-1", 512, one),
                new PublishedVersion("2", "sha-1", 1024, two)).build(), TUESDAY);
        assertThat(changes()).hasSize(2);
    }

    @Test
    void shouldMergeAChangeOfLatestWithTheVersionPublishedWithIt() {
        Instant one = MONDAY.minusSeconds(86_400);
        discover(api().versions(new PublishedVersion("1", "sha-1", 512, one)).build(), MONDAY);
        Instant deployed = MONDAY.plusSeconds(3_600);
        discover(api().code("sha-2").revision("rev-2").lastModified(deployed)
            .versions(new PublishedVersion("1", "sha-1", 512, one),
                    new PublishedVersion("2", "sha-2", 512, deployed.plusSeconds(5)))
            .build(), TUESDAY);
        assertThat(changes()).hasSize(2);
        FunctionChange latest = changes().get(1);
        assertThat(latest.at()).isEqualTo(deployed);
        assertThat(latest.version()).isEqualTo("2");
        assertThat(latest.description()).isEqualTo("code sha-1 → sha-2; version 2 published");
    }

    @Test
    void shouldGiveAChangeOfLatestTheVersionPublishedAfterTheDiscoveryThatSawIt() {
        Instant one = MONDAY.minusSeconds(86_400);
        discover(api().versions(new PublishedVersion("1", "sha-1", 512, one)).build(), MONDAY);
        Instant deployed = MONDAY.plusSeconds(3_600);
        // update-function-code seen by one discovery, publish-version a minute later by the next
        discover(api().code("sha-2").revision("rev-2").lastModified(deployed)
            .versions(new PublishedVersion("1", "sha-1", 512, one))
            .build(), deployed.plusSeconds(30));
        discover(api().code("sha-2").revision("rev-2").lastModified(deployed)
            .versions(new PublishedVersion("1", "sha-1", 512, one),
                    new PublishedVersion("2", "sha-2", 512, deployed.plusSeconds(60)))
            .build(), deployed.plusSeconds(90));
        assertThat(changes()).as("one deployment, one change").hasSize(2);
        FunctionChange latest = changes().get(1);
        assertThat(latest.at()).isEqualTo(deployed);
        assertThat(latest.version()).isEqualTo("2");
        assertThat(latest.description()).isEqualTo("code sha-1 → sha-2; version 2 published");

    }

    @Test
    void shouldRecordAVersionPublishedADayAfterAChangeOfLatestAsADeploymentOfItsOwn() {
        Instant one = MONDAY.minusSeconds(86_400);
        discover(api().versions(new PublishedVersion("1", "sha-1", 512, one)).build(), MONDAY);
        Instant deployed = MONDAY.plusSeconds(3_600);
        discover(api().code("sha-2").revision("rev-2").lastModified(deployed)
            .versions(new PublishedVersion("1", "sha-1", 512, one))
            .build(), deployed.plusSeconds(30));
        discover(api().code("sha-2").revision("rev-2").lastModified(deployed)
            .versions(new PublishedVersion("1", "sha-1", 512, one),
                    new PublishedVersion("2", "sha-2", 512, deployed.plusSeconds(86_400)))
            .build(), deployed.plusSeconds(86_500));
        assertThat(changes()).hasSize(3);
        assertThat(changes().get(1).version()).isNull();
        assertThat(changes().get(2).version()).isEqualTo("2");
    }

    @Test
    void shouldRecordAVersionPublishedWithoutAChangeOfLatest() {
        discover(api().versions(new PublishedVersion("1", "sha-1", 512, MONDAY.minusSeconds(60))).build(), MONDAY);
        Instant published = MONDAY.plusSeconds(60);
        discover(api().versions(new PublishedVersion("1", "sha-1", 512, MONDAY.minusSeconds(60)),
                new PublishedVersion("2", "sha-1", 512, published)).build(), TUESDAY);
        assertThat(changes()).last().isEqualTo(new FunctionChange(published, "2", List.of()));
        assertThat(changes().get(changes().size() - 1).description()).isEqualTo("version 2 published");
    }

    private List<FunctionChange> changes() {
        return this.inventory.changes(ACCOUNT, REGION, "api");
    }

    private void discover(DiscoveredFunction function, Instant at) {
        this.inventory.reconcile(ACCOUNT, REGION, List.of(function), new AccountLimits(ACCOUNT, REGION, 1000, 1000, at),
                at);
    }

    private static Api api() {
        return new Api();
    }

    /** A function as discovered, with the settings a test changes. */
    private static final class Api {

        private int memory = 512;

        private int timeout = 30;

        private Architecture architecture = Architecture.ARM64;

        private @Nullable String runtime = "java21";

        private @Nullable String code = "sha-1";

        private @Nullable String revision = "rev-1";

        private @Nullable Instant lastModified;

        private Map<String, String> tags = Map.of("team", "a");

        private @Nullable InvocationSetup setup;

        Api memory(int mb) {
            this.memory = mb;
            return this;
        }

        Api timeout(int seconds) {
            this.timeout = seconds;
            return this;
        }

        Api architecture(Architecture value) {
            this.architecture = value;
            return this;
        }

        Api runtime(@Nullable String value) {
            this.runtime = value;
            return this;
        }

        Api code(@Nullable String sha) {
            this.code = sha;
            return this;
        }

        Api revision(@Nullable String value) {
            this.revision = value;
            return this;
        }

        Api lastModified(Instant at) {
            this.lastModified = at;
            return this;
        }

        Api tags(Map<String, String> value) {
            this.tags = value;
            return this;
        }

        Api versions(PublishedVersion... versions) {
            this.setup = new InvocationSetup(null, null, Set.of(), List.of(), List.of(versions), List.of());
            return this;
        }

        DiscoveredFunction build() {
            return new DiscoveredFunction(ACCOUNT, REGION, "api", "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:api",
                    this.runtime, this.architecture, this.memory, this.timeout, null, 1_000, this.tags, 0, 0, null, 512,
                    this.lastModified, false, this.revision, this.code, this.setup);
        }
    }
}
