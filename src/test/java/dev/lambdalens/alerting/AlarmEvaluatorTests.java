package dev.lambdalens.alerting;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The evaluator against the CloudWatch documentation ("Configuring how CloudWatch alarms treat missing data"):
 * in the datapoints, 0 is within the threshold, X breaches it, - is a period without data; oldest first.
 */
class AlarmEvaluatorTests {

    private static final double THRESHOLD = 10;

    @ParameterizedTest(name = "{0} of {1}: {2} -> missing {3}, ignore {4}, breaching {5}, notBreaching {6}")
    @CsvSource(delimiter = '|', textBlock = """
            # first table: Datapoints to Alarm 3, Evaluation Periods 3
            3 | 3 | 0 - X - X | OK                | OK     | OK    | OK
            3 | 3 | 0 - - - - | OK                | OK     | OK    | OK
            3 | 3 | - - - - - | INSUFFICIENT_DATA | RETAIN | ALARM | OK
            3 | 3 | 0 X X - X | ALARM             | ALARM  | ALARM | ALARM
            3 | 3 | - - - - X | INSUFFICIENT_DATA | RETAIN | ALARM | OK
            3 | 3 | X - - - - | ALARM             | RETAIN | ALARM | OK
            # second table: 2 out of 3
            2 | 3 | 0 - X - X | ALARM             | ALARM  | ALARM | ALARM
            2 | 3 | 0 0 X 0 X | ALARM             | ALARM  | ALARM | ALARM
            2 | 3 | 0 - X - - | OK                | OK     | ALARM | OK
            2 | 3 | - - - - 0 | OK                | OK     | ALARM | OK
            2 | 3 | - - - - X | INSUFFICIENT_DATA | RETAIN | ALARM | OK
            """)
    void shouldEvaluateAsTheCloudWatchDocumentationShows(int m, int n, String datapoints, String missing,
            String ignore, String breaching, String notBreaching) {
        List<@Nullable Double> range = range(datapoints);
        assertState(m, n, MissingData.MISSING, range, missing);
        assertState(m, n, MissingData.IGNORE, range, ignore);
        assertState(m, n, MissingData.BREACHING, range, breaching);
        assertState(m, n, MissingData.NOT_BREACHING, range, notBreaching);
    }

    @Test
    void shouldAlarmAfterThreeOfFiveBreachingMinutesThatNeedNotBeConsecutive() {
        AlarmCondition condition = condition(3, 5, MissingData.MISSING);
        assertThat(AlarmEvaluator.evaluate(condition, range("0 0 X 0 X 0 X"), AlarmState.OK).state())
            .isEqualTo(AlarmState.ALARM);
        assertThat(AlarmEvaluator.evaluate(condition, range("X X X 0 X 0 0"), AlarmState.ALARM).state())
            .as("only the 5 most recent count").isEqualTo(AlarmState.OK);
    }

    @Test
    void shouldExplainWhatDecidedTheState() {
        Evaluation evaluation = AlarmEvaluator.evaluate(condition(2, 3, MissingData.MISSING), range("0 0 X 0 X"),
                AlarmState.OK);
        assertThat(evaluation.breaching()).isEqualTo(2);
        assertThat(evaluation.judged()).isEqualTo(3);
        assertThat(evaluation.datapoints()).containsExactly(5.0, 5.0, 15.0, 5.0, 15.0);
        assertThat(evaluation.reason()).contains("2 breaching", "2 needed");
    }

    @Test
    void shouldCompareAsEachOperatorSays() {
        assertThat(Comparison.GREATER_THAN_THRESHOLD.breaches(10, 10)).isFalse();
        assertThat(Comparison.GREATER_THAN_OR_EQUAL_TO_THRESHOLD.breaches(10, 10)).isTrue();
        assertThat(Comparison.LESS_THAN_THRESHOLD.breaches(9.99, 10)).isTrue();
        assertThat(Comparison.LESS_THAN_OR_EQUAL_TO_THRESHOLD.breaches(10.01, 10)).isFalse();
    }

    @Test
    void shouldRefuseConditionsCloudWatchWouldRefuse() {
        assertThatIllegalArgumentException().isThrownBy(() -> condition(4, 3, MissingData.MISSING))
            .withMessageContaining("datapointsToAlarm");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new AlarmCondition(Comparison.GREATER_THAN_THRESHOLD, 1, Duration.ofSeconds(90), 3, 3,
                    MissingData.MISSING))
            .withMessageContaining("period");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new AlarmCondition(Comparison.GREATER_THAN_THRESHOLD, 1, Duration.ofHours(1), 25, 3,
                    MissingData.MISSING))
            .withMessageContaining("one day");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> AlarmEvaluator.evaluate(condition(3, 3, MissingData.MISSING), range("0 0 0"),
                    AlarmState.OK))
            .withMessageContaining("5 periods");
    }

    private static void assertState(int m, int n, MissingData treatment, List<@Nullable Double> range,
            String expected) {
        for (AlarmState current : AlarmState.values()) {
            AlarmState state = AlarmEvaluator.evaluate(condition(m, n, treatment), range, current).state();
            AlarmState wanted = "RETAIN".equals(expected) ? current : AlarmState.valueOf(expected);
            assertThat(state).as(treatment + " from " + current).isEqualTo(wanted);
        }
    }

    private static AlarmCondition condition(int m, int n, MissingData treatment) {
        return new AlarmCondition(Comparison.GREATER_THAN_THRESHOLD, THRESHOLD, Duration.ofMinutes(1), n, m, treatment);
    }

    private static List<@Nullable Double> range(String datapoints) {
        List<@Nullable Double> range = new ArrayList<>();
        for (String point : datapoints.trim().split("\\s+")) {
            range.add(switch (point) {
                case "0" -> 5.0;
                case "X" -> 15.0;
                case "-" -> null;
                default -> throw new IllegalArgumentException(point);
            });
        }
        return range;
    }
}
