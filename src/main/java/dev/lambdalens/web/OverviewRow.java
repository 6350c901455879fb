package dev.lambdalens.web;

import java.text.NumberFormat;
import java.util.Locale;

import dev.lambdalens.inventory.FunctionState;
import dev.lambdalens.inventory.FunctionSummary;
import org.jspecify.annotations.Nullable;

/**
 * One line of the overview's function table, formatted for the reader's locale. The table has a line per function
 * (a thousand and more), so its cells are made here, once, rather than by a dozen template expressions each.
 *
 * @param function the function
 * @param search what the search box matches: name, region, runtime, architecture and tags
 * @param runtime runtime and architecture
 * @param invocations sum of Invocations
 * @param errors sum of Errors
 * @param errorRate errors as a share of invocations; a warning from 5%
 * @param throttles sum of Throttles; a warning from one
 * @param peakConcurrency maximum ConcurrentExecutions
 * @param reserved the reserved concurrency, when there is one
 * @param p99ShareOfTimeout p99 Duration as a share of the timeout; a warning from 90%
 * @param coldStartRate cold starts as a share of reported invocations (from REPORT lines); a warning from 10%
 * @param memoryShare the most memory used as a share of the memory size (from REPORT lines); a warning from 90%
 */
record OverviewRow(FunctionSummary function, String search, String runtime, Cell invocations, Cell errors,
        Cell errorRate, Cell throttles, Cell peakConcurrency, @Nullable String reserved, Cell p99ShareOfTimeout,
        Cell coldStartRate, Cell memoryShare) {

    static final double COLD_START_WARNING = 0.1;

    static final double MEMORY_SHARE_WARNING = 0.9;

    static final double ERROR_RATE_WARNING = 0.05;

    static final double TIMEOUT_SHARE_WARNING = 0.9;

    public boolean gone() {
        return this.function.state() == FunctionState.GONE;
    }

    /** A numeric cell: its text, the value the table sorts by (-1 when there is none), and whether it warns. */
    record Cell(String text, String sortValue, boolean warn) {
    }

    /** Makes the rows of one page: number formats are not thread-safe, so each page has its own. */
    static final class Formatter {

        private static final String NONE = "–";

        private final NumberFormat integer = NumberFormat.getIntegerInstance(Locale.ENGLISH);

        private final NumberFormat percent;

        private final NumberFormat percentOneDecimal;

        Formatter(Locale locale) {
            this.percent = percent(locale, 2);
            this.percentOneDecimal = percent(locale, 1);
        }

        OverviewRow row(FunctionRow row) {
            FunctionSummary f = row.function();
            FunctionFigures h = row.lastHour();
            String runtime = FunctionTable.runtime(f) + " · "
                    + f.architecture().wireName();
            String search = FunctionTable.searchText(f);
            Double errorRate = h.errorRate();
            Double share = h.p99ShareOfTimeout();
            return new OverviewRow(f, search, runtime, count(h.invocations(), false), count(h.errors(), false),
                    cell(errorRate, this.percent, errorRate != null && errorRate >= ERROR_RATE_WARNING),
                    count(h.throttles(), h.throttles() != null && h.throttles() > 0),
                    count(h.peakConcurrency(), false),
                    (f.reservedConcurrency() != null) ? "/ " + f.reservedConcurrency() + " reserved" : null,
                    cell(share, this.percentOneDecimal, share != null && share >= TIMEOUT_SHARE_WARNING),
                    cell(h.coldStartRate(), this.percentOneDecimal,
                            h.coldStartRate() != null && h.coldStartRate() >= COLD_START_WARNING),
                    cell(h.memoryShare(), this.percentOneDecimal,
                            h.memoryShare() != null && h.memoryShare() >= MEMORY_SHARE_WARNING));
        }

        private Cell count(@Nullable Double value, boolean warn) {
            return cell(value, this.integer, warn);
        }

        private static Cell cell(@Nullable Double value, NumberFormat format, boolean warn) {
            return (value != null) ? new Cell(format.format(value), String.valueOf(value), warn)
                    : new Cell(NONE, "-1", false);
        }

        private static NumberFormat percent(Locale locale, int decimals) {
            NumberFormat format = NumberFormat.getPercentInstance(locale);
            format.setMinimumFractionDigits(decimals);
            format.setMaximumFractionDigits(decimals);
            return format;
        }
    }
}
