package dev.lambdalens.web;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import dev.lambdalens.InvalidFieldException;
import dev.lambdalens.inventory.FunctionSummary;
import org.jspecify.annotations.Nullable;

/**
 * The overview's function table a page at a time: searched, narrowed to a region, sorted by any column and cut into
 * pages on the server, so that an organisation's ten thousand functions are not all sent to the browser. The rows
 * come from the figures every request shares ({@link RecentFigures}), so a page is a sort of what is already in
 * memory, and the page number is exact: a page is the n-th slice of one order.
 */
final class FunctionTable {

    /** Functions per page when the address names no limit. */
    static final int PAGE = 50;

    /** The largest page the address may ask for. */
    static final int MAX_PAGE = 1_000;

    private FunctionTable() {
    }

    /** What the reader asked for: all from the address. */
    record Query(@Nullable String search, @Nullable String region, Column sort, boolean descending, int page,
            int size) {

        /** Reads and checks the address's parameters; a 400 naming the parameter for anything not understood. */
        static Query of(@Nullable String search, @Nullable String region, @Nullable String sort, @Nullable String dir,
                @Nullable String page, @Nullable String limit) {
            return new Query(blank(search), blank(region), Column.of(sort), descending(dir), pageNumber(page),
                    size(limit));
        }

        private static boolean descending(@Nullable String dir) {
            String given = blank(dir);
            if (given == null || given.equalsIgnoreCase("asc")) {
                return false;
            }
            if (given.equalsIgnoreCase("desc")) {
                return true;
            }
            throw new InvalidFieldException("dir", "dir must be asc or desc, not " + given);
        }

        private static int size(@Nullable String limit) {
            String given = blank(limit);
            if (given == null) {
                return PAGE;
            }
            try {
                return checkedSize(Integer.parseInt(given));
            }
            catch (NumberFormatException ex) {
                throw new InvalidFieldException("limit", "limit must be between 1 and " + MAX_PAGE + ", not " + given);
            }
        }

        /** Whether a search or a region narrows the table. */
        public boolean narrowed() {
            return this.search != null || this.region != null;
        }

        /** Whether the address names a page size other than the default one. */
        public boolean customSize() {
            return this.size != PAGE;
        }

        /** The address's name of the sort column. */
        public String sortParam() {
            return this.sort.param();
        }

        /** Whether the table is sorted as it is by default. */
        public boolean defaultSort() {
            return this.sort == Column.FUNCTION && !this.descending;
        }

        private static int checkedSize(int limit) {
            if (limit < 1 || limit > MAX_PAGE) {
                throw new InvalidFieldException("limit", "limit must be between 1 and " + MAX_PAGE + ", not " + limit);
            }
            return limit;
        }

        private static int pageNumber(@Nullable String page) {
            String given = blank(page);
            if (given == null) {
                return 1;
            }
            try {
                int number = Integer.parseInt(given);
                if (number >= 1) {
                    return number;
                }
            }
            catch (NumberFormatException ex) {
                // refused below
            }
            throw new InvalidFieldException("page", "page must be a page number from 1, not " + given);
        }
    }

    /**
     * One page of the table.
     *
     * @param rows the functions on this page, in order
     * @param total how many functions match
     * @param page this page's number, from 1 (the last page when the address asked for one past it)
     * @param pages how many pages there are (at least 1)
     * @param first the position of this page's first row among those that match, from 1 (0 when none match)
     * @param last the position of its last row
     */
    record Page(List<FunctionRow> rows, int total, int page, int pages, int first, int last) {

        public boolean hasPrevious() {
            return this.page > 1;
        }

        public boolean hasNext() {
            return this.page < this.pages;
        }
    }

    /** The page of {@code all} the query asks for. */
    static Page page(List<FunctionRow> all, Query query) {
        List<String> words = (query.search() != null)
                ? Arrays.stream(query.search().toLowerCase(Locale.ROOT).split("\\s+")).filter((w) -> !w.isEmpty()).toList()
                : List.of();
        List<FunctionRow> matching = all.stream()
            .filter((row) -> query.region() == null || query.region().equals(row.function().region()))
            .filter((row) -> matches(row.function(), words))
            .sorted(query.sort().order(query.descending()))
            .toList();
        int pages = Math.max(1, (matching.size() + query.size() - 1) / query.size());
        int page = Math.min(query.page(), pages);
        int from = Math.min((page - 1) * query.size(), matching.size());
        int to = Math.min(from + query.size(), matching.size());
        return new Page(matching.subList(from, to), matching.size(), page, pages, (to > from) ? from + 1 : 0, to);
    }

    /** What the search matches: name, region, runtime, architecture and tags, every word somewhere. */
    static String searchText(FunctionSummary f) {
        return f.name() + ' ' + f.region() + ' ' + runtime(f) + ' ' + f.architecture().wireName() + ' ' + f.tags();
    }

    /** The runtime as the table writes it: a function deployed as a container image has none of its own. */
    static String runtime(FunctionSummary f) {
        return (f.runtime() != null) ? f.runtime() : "container image";
    }

    private static boolean matches(FunctionSummary function, List<String> words) {
        if (words.isEmpty()) {
            return true;
        }
        String text = searchText(function).toLowerCase(Locale.ROOT);
        return words.stream().allMatch(text::contains);
    }

    private static @Nullable String blank(@Nullable String value) {
        return (value == null || value.isBlank()) ? null : value.trim();
    }

    /**
     * The columns a reader can sort by, with the address's name for each. Text columns sort by their text; a number
     * column by its value, and a function without one (no data in the last hour) comes last either way, so that
     * "most errors first" starts with errors, not with silent functions.
     */
    enum Column {

        FUNCTION("function", false, null), REGION("region", false, null), RUNTIME("runtime", false, null),
        MEMORY("memory", true, (row) -> (double) row.function().memoryMb()),
        INVOCATIONS("invocations", true, (row) -> row.lastHour().invocations()),
        ERRORS("errors", true, (row) -> row.lastHour().errors()),
        ERROR_RATE("error-rate", true, (row) -> row.lastHour().errorRate()),
        THROTTLES("throttles", true, (row) -> row.lastHour().throttles()),
        CONCURRENCY("concurrency", true, (row) -> row.lastHour().peakConcurrency()),
        TIMEOUT_SHARE("timeout-share", true, (row) -> row.lastHour().p99ShareOfTimeout()),
        COLD_STARTS("cold-starts", true, (row) -> row.lastHour().coldStartRate()),
        MEMORY_USED("memory-used", true, (row) -> row.lastHour().memoryShare());

        private static final Comparator<FunctionRow> PLACE = Comparator
            .comparing((FunctionRow row) -> row.function().name())
            .thenComparing((row) -> row.function().region())
            .thenComparing((row) -> row.function().account());

        private final String param;

        private final boolean numeric;

        private final @Nullable Function<FunctionRow, @Nullable Double> value;

        Column(String param, boolean numeric, @Nullable Function<FunctionRow, @Nullable Double> value) {
            this.param = param;
            this.numeric = numeric;
            this.value = value;
        }

        String param() {
            return this.param;
        }

        boolean numeric() {
            return this.numeric;
        }

        static Column of(@Nullable String param) {
            String given = blank(param);
            if (given == null) {
                return FUNCTION;
            }
            return Arrays.stream(values())
                .filter((c) -> c.param.equalsIgnoreCase(given))
                .findFirst()
                .orElseThrow(() -> new InvalidFieldException("sort", "sort must be one of "
                        + Arrays.stream(values()).map(Column::param).toList() + ", not " + given));
        }

        Comparator<FunctionRow> order(boolean descending) {
            Comparator<FunctionRow> primary = switch (this) {
                case FUNCTION -> PLACE;
                case REGION -> Comparator.comparing((FunctionRow row) -> row.function().region());
                case RUNTIME -> Comparator.comparing((FunctionRow row) -> runtime(row.function()));
                default -> byValue(descending);
            };
            if (!this.numeric && descending) {
                primary = primary.reversed();
            }
            // ties in the function's place, so that every page is a slice of one order
            return (this == FUNCTION) ? primary : primary.thenComparing(PLACE);
        }

        private Comparator<FunctionRow> byValue(boolean descending) {
            Function<FunctionRow, @Nullable Double> of = this.value;
            Comparator<Double> numbers = descending ? Comparator.reverseOrder() : Comparator.naturalOrder();
            return Comparator.comparing((FunctionRow row) -> of.apply(row), Comparator.nullsLast(numbers));
        }
    }
}
