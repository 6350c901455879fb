package dev.lambdalens.insights;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.lambdalens.inventory.Architecture;
import dev.lambdalens.inventory.FunctionState;
import dev.lambdalens.inventory.FunctionSummary;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Recommendations from what REPORT lines say: memory without Lambda Insights, and cold starts. */
class LogRecommendationTests {

    @Test
    void shouldJudgeMemoryFromReportLinesWithoutLambdaInsights() {
        FunctionHeadroom h = new FunctionHeadroom(function("resizer", "python3.12", 2048), 10_000, 0, 0, 5.0, 100.0,
                200.0, null, new FunctionHeadroom.FromLogs(10_000, 10, 1_990.0, 300.0));
        List<Recommendation> found = Recommender.forFunction(h, null, null, "cost", "14 days");
        assertThat(found).extracting(Recommendation::kind).contains(Recommendation.Kind.RAISE_MEMORY);
        assertThat(found.stream().filter((r) -> r.kind() == Recommendation.Kind.RAISE_MEMORY).findFirst().orElseThrow()
            .evidence().get(0).label()).contains("REPORT lines");
    }

    @Test
    void shouldProposeSnapStartForJavaAndProvisionedConcurrencyElseWithTheirCosts() {
        FunctionHeadroom java = new FunctionHeadroom(function("checkout", "java21", 1024), 10_000, 0, 0, 4.0, 100.0,
                200.0, null, new FunctionHeadroom.FromLogs(10_000, 1_200, 400.0, 1_800.0));
        Recommendation snap = Recommender.forFunction(java, null, null, "cost", "14 days").stream()
            .filter((r) -> r.kind() == Recommendation.Kind.COLD_STARTS).findFirst().orElseThrow();
        assertThat(snap.action()).contains("SnapStart").contains("nothing extra for Java")
            // 1 GB x 2,592,000 s x $0.0000041667 = $10.80 per environment, 4 at the peak
            .contains("$10.80").contains("$43.20");
        FunctionHeadroom node = new FunctionHeadroom(function("api", "nodejs20.x", 1024), 10_000, 0, 0, 1.0, 100.0,
                200.0, null, new FunctionHeadroom.FromLogs(10_000, 800, 300.0, 650.0));
        Recommendation provisioned = Recommender.forFunction(node, null, null, "cost", "14 days").stream()
            .filter((r) -> r.kind() == Recommendation.Kind.COLD_STARTS).findFirst().orElseThrow();
        assertThat(provisioned.action()).doesNotContain("Turn on SnapStart").contains("provisioned concurrency")
            .contains("$10.80");
        FunctionHeadroom rare = new FunctionHeadroom(function("api", "nodejs20.x", 1024), 10_000, 0, 0, 1.0, 100.0,
                200.0, null, new FunctionHeadroom.FromLogs(10_000, 100, 300.0, 650.0));
        assertThat(Recommender.forFunction(rare, null, null, "cost", "14 days")).extracting(Recommendation::kind)
            .doesNotContain(Recommendation.Kind.COLD_STARTS);
    }

    @Test
    void shouldKnowWhichRuntimesHaveSnapStart() {
        assertThat(Recommender.snapStart("java21")).isTrue();
        assertThat(Recommender.snapStart("python3.12")).isTrue();
        assertThat(Recommender.snapStart("python3.11")).isFalse();
        assertThat(Recommender.snapStart("dotnet8")).isTrue();
        assertThat(Recommender.snapStart("nodejs20.x")).isFalse();
    }

    private static FunctionSummary function(String name, String runtime, int memory) {
        return new FunctionSummary("123456789012", "us-east-1", name, "arn:" + name, runtime, Architecture.ARM64,
                memory, 30, null, 10_000_000, Map.of(), 0, 0, null, FunctionState.ACTIVE, Instant.EPOCH, Instant.EPOCH,
                512, List.of(), false);
    }
}
