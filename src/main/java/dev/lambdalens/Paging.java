package dev.lambdalens;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Keyset pagination shared by every list API: {@code limit} (default 100, at most 1,000) and an opaque {@code cursor}
 * naming the last item of the previous page. The body stays the JSON array it always was, so existing clients keep
 * working; the next page is linked in a {@code Link: <...>; rel="next"} header (as GitHub's API does), absent on the
 * last page. A query asks for one row more than the limit to know whether there is a next page.
 */
public final class Paging {

    /** Items per page when no limit is given. */
    public static final int DEFAULT_LIMIT = 100;

    /** The largest page served. */
    public static final int MAX_LIMIT = 1_000;

    /** Later than any stored time, and still one both databases can store: where a newest-first list starts. */
    public static final java.time.Instant END_OF_TIME = java.time.Instant.parse("9999-12-31T23:59:59Z");

    private static final String SEPARATOR = "\u001f";

    private Paging() {
    }

    /** The requested limit, checked: 1 to 1,000, 100 when absent. */
    public static int limit(@Nullable Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw new InvalidFieldException("limit", "limit must be between 1 and " + MAX_LIMIT + ", not " + requested);
        }
        return requested;
    }

    /** A cursor naming a position: the sort key of the last item given. */
    public static String cursorOf(Object... key) {
        String joined = String.join(SEPARATOR, Arrays.stream(key).map(String::valueOf).toList());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(joined.getBytes(StandardCharsets.UTF_8));
    }

    /** The parts of a cursor this API gave out; a 400 naming {@code cursor} for anything else. */
    public static List<String> keyOf(String cursor, int parts) {
        try {
            String joined = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            List<String> key = List.of(joined.split(SEPARATOR, -1));
            if (key.size() != parts) {
                throw new IllegalArgumentException("wrong number of parts");
            }
            return key;
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidFieldException("cursor", "cursor is not one this list gave out: start again without it");
        }
    }

    /** The numeric part of a cursor, with the same 400 for a forged one. */
    public static long number(String part) {
        try {
            return Long.parseLong(part);
        }
        catch (NumberFormatException ex) {
            throw new InvalidFieldException("cursor", "cursor is not one this list gave out: start again without it");
        }
    }

    /**
     * One page of {@code rows} (fetched with {@code limit + 1}): at most {@code limit} items, and a link to the next
     * page, the current request's with {@code cursor} replaced, when there is one.
     */
    public static <T, R> ResponseEntity<List<R>> page(List<T> rows, int limit, Function<T, String> cursorOf,
            Function<T, R> view) {
        List<T> page = (rows.size() > limit) ? rows.subList(0, limit) : rows;
        List<R> body = page.stream().map(view).toList();
        if (rows.size() <= limit) {
            return ResponseEntity.ok(body);
        }
        String next = ServletUriComponentsBuilder.fromCurrentRequest()
            .replaceQueryParam("cursor", cursorOf.apply(page.get(page.size() - 1)))
            .replaceQueryParam("limit", limit)
            .build()
            .toUriString();
        return ResponseEntity.ok().header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"").body(body);
    }
}
