package dev.lambdalens.alerting;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A target names its function and, for a metric kept per alias, version or mapping, its qualifier, in words a reader
 * knows; a name reported into the same place by a budget or a channel is not taken for a qualified one.
 */
class AlertTargetTests {

    static final String UUID = "1b2c3d4e-5f60-4a1b-9c2d-3e4f5a6b7c8d";

    @Test
    void shouldSplitAQualifiedTargetIntoItsFunctionAndQualifier() {
        AlertTarget mapping = AlertTarget.qualified("123456789012", "us-east-1", "orders", UUID);
        assertThat(mapping.function()).isEqualTo("orders:" + UUID);
        assertThat(mapping.functionName()).isEqualTo("orders");
        assertThat(mapping.qualifier()).isEqualTo(UUID);
        assertThat(mapping.label()).isEqualTo("orders · mapping 1b2c3d4e…");
    }

    @Test
    void shouldTellAliasesFromVersionsAndVersionsBehindAnAlias() {
        assertThat(target("checkout-api:live").label()).isEqualTo("checkout-api · alias live");
        assertThat(target("checkout-api:7").label()).isEqualTo("checkout-api · version 7");
        assertThat(target("checkout-api:$LATEST").label()).isEqualTo("checkout-api · version $LATEST");
        AlertTarget executed = target("checkout-api:live:7");
        assertThat(executed.functionName()).isEqualTo("checkout-api");
        assertThat(executed.qualifier()).isEqualTo("live:7");
        assertThat(executed.label()).isEqualTo("checkout-api · version 7 behind alias live");
    }

    @Test
    void shouldLeaveAFunctionAnAccountAndAReportedNameWhole() {
        assertThat(target("orders").qualifier()).isNull();
        assertThat(target("orders").functionName()).isEqualTo("orders");
        assertThat(target("orders").label()).isEqualTo("orders");
        assertThat(target("").accountLevel()).isTrue();
        assertThat(target("").functionName()).isEmpty();
        AlertTarget budget = target("Q4: payments");
        assertThat(budget.qualifier()).isNull();
        assertThat(budget.functionName()).isEqualTo("Q4: payments");
    }

    @Test
    void shouldMatchTheQualifiedTargetsOfOneFunctionLiterally() {
        assertThat(AlertTarget.qualifiedLike("order_api")).isEqualTo("order\\_api:%");
        assertThat(AlertTarget.likeLiteral("50%\\")).isEqualTo("50\\%\\\\");
    }

    private static AlertTarget target(String function) {
        return new AlertTarget("123456789012", "us-east-1", function);
    }
}
