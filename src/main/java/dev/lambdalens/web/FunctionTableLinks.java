package dev.lambdalens.web;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The links of the overview's function table, each the current address with one thing changed, so that search,
 * region, sort and page stay in the address (shared, reloaded, and read again by the live update as they are).
 */
final class FunctionTableLinks {

    private FunctionTableLinks() {
    }

    /**
     * A column heading.
     *
     * @param label its text
     * @param title what it means, when the text needs it
     * @param numeric whether it is a number column (right-aligned)
     * @param href the address that sorts by it: ascending first, descending when it already sorts ascending
     * @param ariaSort {@code ascending} or {@code descending} for the column the table is sorted by, else null
     */
    record Header(String label, @Nullable String title, boolean numeric, String href, @Nullable String ariaSort) {
    }

    /**
     * The pager: the addresses of the first, previous, next and last pages, null where there is none.
     */
    record Pages(@Nullable String first, @Nullable String previous, @Nullable String next, @Nullable String last) {
    }

    static List<Header> headers(FunctionTable.Query query) {
        List<Header> headers = new ArrayList<>();
        header(headers, query, FunctionTable.Column.FUNCTION, "Function", null);
        header(headers, query, FunctionTable.Column.REGION, "Region", null);
        header(headers, query, FunctionTable.Column.RUNTIME, "Runtime", null);
        header(headers, query, FunctionTable.Column.MEMORY, "Memory MB", null);
        header(headers, query, FunctionTable.Column.INVOCATIONS, "Invocations", null);
        header(headers, query, FunctionTable.Column.ERRORS, "Errors", null);
        header(headers, query, FunctionTable.Column.ERROR_RATE, "Error rate", null);
        header(headers, query, FunctionTable.Column.THROTTLES, "Throttles", null);
        header(headers, query, FunctionTable.Column.CONCURRENCY, "Peak concurrency", null);
        header(headers, query, FunctionTable.Column.TIMEOUT_SHARE, "highest 1-min p99 / timeout",
                "the highest 1-minute p99 of the last hour, as a share of the timeout");
        header(headers, query, FunctionTable.Column.COLD_STARTS, "Cold starts", "from REPORT lines");
        header(headers, query, FunctionTable.Column.MEMORY_USED, "Memory used", "from REPORT lines");
        return headers;
    }

    static Pages pages(FunctionTable.Page page) {
        return new Pages(page.hasPrevious() ? to(1) : null, page.hasPrevious() ? to(page.page() - 1) : null,
                page.hasNext() ? to(page.page() + 1) : null, page.hasNext() ? to(page.pages()) : null);
    }

    private static void header(List<Header> headers, FunctionTable.Query query, FunctionTable.Column column,
            String label, @Nullable String title) {
        boolean current = query.sort() == column;
        var link = ServletUriComponentsBuilder.fromCurrentRequest()
            .replaceQueryParam("page")
            .replaceQueryParam("sort", column.param())
            .replaceQueryParam("dir");
        if (current && !query.descending()) {
            link.replaceQueryParam("dir", "desc");
        }
        String href = link.build().toUriString();
        String ariaSort = current ? (query.descending() ? "descending" : "ascending") : null;
        headers.add(new Header(label, title, column.numeric(), href, ariaSort));
    }

    private static String to(int page) {
        var link = ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("page");
        if (page > 1) {
            link.replaceQueryParam("page", page);
        }
        return link.build().toUriString();
    }
}
