package dev.lambdalens.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.lambdalens.InvalidFieldException;
import dev.lambdalens.inventory.Architecture;
import dev.lambdalens.inventory.FunctionState;
import dev.lambdalens.inventory.FunctionSummary;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The overview's function table served a page at a time: walked to its end every function comes once, in the order
 * asked for; functions without figures come last whichever way a number column sorts; search and region narrow
 * before paging; an address the table does not understand is refused naming its parameter.
 */
class FunctionTableTests {

    /** 23 functions over two regions; every third without figures in the last hour; errors i % 5. */
    static final List<FunctionRow> ROWS = rows();

    @Test
    void shouldGiveEveryFunctionOnceInOrderWhenWalkedPageByPage() {
        for (FunctionTable.Column column : FunctionTable.Column.values()) {
            for (boolean descending : new boolean[] { false, true }) {
                List<FunctionRow> walked = new ArrayList<>();
                FunctionTable.Page page;
                int number = 1;
                do {
                    page = FunctionTable.page(ROWS, new FunctionTable.Query(null, null, column, descending, number, 5));
                    assertThat(page.total()).isEqualTo(23);
                    assertThat(page.pages()).isEqualTo(5);
                    assertThat(page.first()).isEqualTo((number - 1) * 5 + 1);
                    walked.addAll(page.rows());
                    number++;
                }
                while (page.hasNext());
                assertThat(walked).as(column + (descending ? " desc" : " asc")).hasSize(23);
                Set<String> names = new HashSet<>();
                walked.forEach((row) -> names.add(row.function().region() + "/" + row.function().name()));
                assertThat(names).hasSize(23);
                List<FunctionRow> whole = FunctionTable
                    .page(ROWS, new FunctionTable.Query(null, null, column, descending, 1, 1_000))
                    .rows();
                assertThat(walked).containsExactlyElementsOf(whole);
            }
        }
    }

    @Test
    void shouldPutFunctionsWithoutFiguresLastEitherWay() {
        for (boolean descending : new boolean[] { false, true }) {
            List<FunctionRow> sorted = FunctionTable
                .page(ROWS, new FunctionTable.Query(null, null, FunctionTable.Column.ERRORS, descending, 1, 100))
                .rows();
            List<Double> errors = sorted.stream().map((row) -> row.lastHour().errors()).toList();
            int firstMissing = errors.indexOf(null);
            assertThat(errors.subList(firstMissing, errors.size())).containsOnlyNulls();
            List<Double> present = errors.subList(0, firstMissing);
            assertThat(present).hasSize(16).doesNotContainNull();
            assertThat(present).isSortedAccordingTo(descending ? java.util.Comparator.<Double>reverseOrder()
                    : java.util.Comparator.<Double>naturalOrder());
        }
        FunctionRow most = FunctionTable
            .page(ROWS, new FunctionTable.Query(null, null, FunctionTable.Column.ERRORS, true, 1, 1))
            .rows()
            .get(0);
        assertThat(most.lastHour().errors()).isEqualTo(4.0);
    }

    @Test
    void shouldNarrowBySearchWordsAndRegionBeforePaging() {
        FunctionTable.Page tagged = FunctionTable.page(ROWS,
                new FunctionTable.Query("TEAM=red eu-west", null, FunctionTable.Column.FUNCTION, false, 1, 100));
        assertThat(tagged.rows()).allSatisfy((row) -> {
            assertThat(row.function().region()).isEqualTo("eu-west-1");
            assertThat(row.function().tags()).containsEntry("team", "red");
        });
        assertThat(tagged.total()).isEqualTo(tagged.rows().size()).isPositive();

        FunctionTable.Page region = FunctionTable.page(ROWS,
                new FunctionTable.Query(null, "us-east-1", FunctionTable.Column.FUNCTION, false, 2, 5));
        assertThat(region.total()).isEqualTo(12);
        assertThat(region.rows()).hasSize(5).allSatisfy((row) -> assertThat(row.function().region()).isEqualTo("us-east-1"));

        FunctionTable.Page none = FunctionTable.page(ROWS,
                new FunctionTable.Query("no-such-function", null, FunctionTable.Column.FUNCTION, false, 1, 5));
        assertThat(none.rows()).isEmpty();
        assertThat(none.pages()).isEqualTo(1);
        assertThat(none.first()).isZero();
    }

    @Test
    void shouldSearchAndSortContainerImagesByWhatTheTableWrites() {
        FunctionTable.Page images = FunctionTable.page(ROWS,
                new FunctionTable.Query("container image", null, FunctionTable.Column.FUNCTION, false, 1, 100));
        assertThat(images.rows()).hasSize(6).allSatisfy((row) -> assertThat(row.function().runtime()).isNull());
        assertThat(FunctionTable.page(ROWS,
                new FunctionTable.Query("null", null, FunctionTable.Column.FUNCTION, false, 1, 100)).rows()).isEmpty();
        List<FunctionRow> byRuntime = FunctionTable
            .page(ROWS, new FunctionTable.Query(null, null, FunctionTable.Column.RUNTIME, false, 1, 100))
            .rows();
        assertThat(byRuntime.subList(0, 6)).allSatisfy((row) -> assertThat(row.function().runtime()).isNull());
    }

    @Test
    void shouldShowTheLastPageWhenAskedForOnePastIt() {
        FunctionTable.Page page = FunctionTable.page(ROWS,
                new FunctionTable.Query(null, null, FunctionTable.Column.FUNCTION, false, 99, 10));
        assertThat(page.page()).isEqualTo(3);
        assertThat(page.rows()).hasSize(3);
        assertThat(page.hasNext()).isFalse();
        assertThat(page.hasPrevious()).isTrue();
    }

    @Test
    void shouldRefuseWhatTheTableDoesNotUnderstandNamingTheParameter() {
        assertThatExceptionOfType(InvalidFieldException.class)
            .isThrownBy(() -> FunctionTable.Query.of(null, null, "colour", null, null, null))
            .satisfies((ex) -> assertThat(ex.field()).isEqualTo("sort"))
            .withMessageContaining("colour");
        assertThatExceptionOfType(InvalidFieldException.class)
            .isThrownBy(() -> FunctionTable.Query.of(null, null, null, null, "0", null))
            .satisfies((ex) -> assertThat(ex.field()).isEqualTo("page"));
        assertThatExceptionOfType(InvalidFieldException.class)
            .isThrownBy(() -> FunctionTable.Query.of(null, null, null, null, "two", null))
            .satisfies((ex) -> assertThat(ex.field()).isEqualTo("page"));
        assertThatExceptionOfType(InvalidFieldException.class)
            .isThrownBy(() -> FunctionTable.Query.of(null, null, null, null, null, "1001"))
            .satisfies((ex) -> assertThat(ex.field()).isEqualTo("limit"));
        assertThatExceptionOfType(InvalidFieldException.class)
            .isThrownBy(() -> FunctionTable.Query.of(null, null, null, null, null, "abc"))
            .satisfies((ex) -> assertThat(ex.field()).isEqualTo("limit"));
        assertThatExceptionOfType(InvalidFieldException.class)
            .isThrownBy(() -> FunctionTable.Query.of(null, null, null, "sideways", null, null))
            .satisfies((ex) -> assertThat(ex.field()).isEqualTo("dir"));
        FunctionTable.Query query = FunctionTable.Query.of(" checkout ", "", "Errors", "DESC", "2", "20");
        assertThat(query).isEqualTo(new FunctionTable.Query("checkout", null, FunctionTable.Column.ERRORS, true, 2, 20));
    }

    private static List<FunctionRow> rows() {
        List<FunctionRow> rows = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            String region = (i % 2 == 0) ? "us-east-1" : "eu-west-1";
            FunctionSummary f = new FunctionSummary("123456789012", region, "fn-" + (char) ('a' + (i * 7) % 23),
                    "arn:" + i, (i % 4 == 0) ? null : "java21", Architecture.ARM64, 128 * (1 + i % 3), 3, null, 1_000,
                    Map.of("team", (i % 3 == 0) ? "red" : "blue"), 0, 0, null, FunctionState.ACTIVE, Instant.EPOCH,
                    Instant.EPOCH, 512, List.of(), false);
            FunctionFigures figures = (i % 3 == 2) ? new FunctionFigures(null, null, null, null, null, null)
                    : new FunctionFigures(100.0 + i, (double) (i % 5), (double) (i % 2), 3.0, 200.0, 0.1);
            rows.add(new FunctionRow(f, figures));
        }
        return List.copyOf(rows);
    }
}
