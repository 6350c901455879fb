package dev.lambdalens.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import dev.lambdalens.insights.ChangeImpact;
import dev.lambdalens.insights.ChangeImpacts;
import dev.lambdalens.inventory.FunctionChange;
import dev.lambdalens.inventory.FunctionSummary;
import dev.lambdalens.inventory.Inventory;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The function page's changes: the list of what changed, the marks its charts draw, and the last change measured.
 */
@Component
class FunctionChanges {

    /** The changes listed: the most recent ones (every one is still marked on the charts of its range). */
    static final int LISTED = 20;

    private final Inventory inventory;

    private final ChangeImpacts impacts;

    FunctionChanges(Inventory inventory, ChangeImpacts impacts) {
        this.inventory = inventory;
        this.impacts = impacts;
    }

    Panel of(FunctionSummary function) {
        List<FunctionChange> changes = this.inventory.changes(function.account(), function.region(), function.name());
        List<Chart.Mark> marks = changes.stream()
            .map((c) -> new Chart.Mark(c.at().getEpochSecond(), c.shortLabel(), c.description()))
            .toList();
        List<FunctionChange> newestFirst = new ArrayList<>(changes);
        Collections.reverse(newestFirst);
        return new Panel(newestFirst.subList(0, Math.min(LISTED, newestFirst.size())), changes.size(), marks,
                this.impacts.ofLastChange(function, changes).orElse(null));
    }

    /** The last change's figures before and after, as the page's table reads them. */
    static List<Row> rows(ChangeImpact impact) {
        ChangeImpact.Side b = impact.before();
        ChangeImpact.Side a = impact.after();
        return List.of(
                new Row("Invocations", count(b.invocations()), count(a.invocations()),
                        ChangeImpact.percent(ChangeImpact.relative(b.invocations(), a.invocations()))),
                new Row("Duration, average (exact; p50 is not collected)", millis(b.averageMs()),
                        millis(a.averageMs()), ChangeImpact.percent(impact.averageChange())),
                new Row("Duration, highest 1-minute p99", millis(b.highestP99Ms()), millis(a.highestP99Ms()),
                        ChangeImpact.percent(impact.p99Change())),
                new Row("Errors (share of invocations)", errors(b), errors(a),
                        ChangeImpact.percent(impact.errorRateChange())),
                new Row("Throttles", count(b.throttles()), count(a.throttles()),
                        ChangeImpact.percent(impact.throttlesChange())),
                new Row("Cost per invocation, list price (USD per million)", perMillion(b.costPerInvocation()),
                        perMillion(a.costPerInvocation()), ChangeImpact.percent(impact.costPerInvocationChange())),
                new Row("Memory", b.memoryMb() + " MB", a.memoryMb() + " MB",
                        ChangeImpact.percent(ChangeImpact.relative((double) b.memoryMb(), (double) a.memoryMb()))));
    }

    private static String count(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String millis(@Nullable Double value) {
        return (value != null) ? String.format(Locale.ROOT, "%,.1f ms", value) : "–";
    }

    private static String errors(ChangeImpact.Side side) {
        Double rate = side.errorRate();
        return (rate != null) ? String.format(Locale.ROOT, "%,.0f (%.2f%%)", side.errors(), rate * 100) : "–";
    }

    private static String perMillion(@Nullable Double value) {
        return (value != null) ? String.format(Locale.ROOT, "$%,.2f", value * 1_000_000) : "–";
    }

    /** One figure of the table. */
    record Row(String figure, String before, String after, String change) {
    }

    /**
     * @param listed the most recent changes, newest first
     * @param total how many changes are known
     * @param impact the last change measured, {@code null} when there is not data enough on both sides yet
     */
    record Panel(List<FunctionChange> listed, int total, List<Chart.Mark> marks, @Nullable ChangeImpact impact) {

        /** How long each window is: {@code 5 h 57 min}, {@code 45 min}. */
        public String windowText() {
            if (this.impact == null) {
                return "";
            }
            long minutes = this.impact.window().toMinutes();
            return (minutes >= 60) ? (minutes / 60) + " h" + ((minutes % 60 != 0) ? " " + (minutes % 60) + " min" : "")
                    : minutes + " min";
        }

        public List<Row> rows() {
            return (this.impact != null) ? FunctionChanges.rows(this.impact) : List.of();
        }
    }
}
