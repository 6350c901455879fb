package dev.lambdalens.logs;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import dev.lambdalens.Paging;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The page of error groups, and one group's page: its counts per hour, versions and samples. */
@Controller
class ErrorGroupsPageController {

    /** Groups per page when the address names no limit. */
    static final int PAGE = 50;

    private static final java.time.format.DateTimeFormatter HOUR = java.time.format.DateTimeFormatter
        .ofPattern("yyyy-MM-dd HH:00").withZone(java.time.ZoneOffset.UTC);

    private final ErrorGroups groups;

    private final LogsProperties properties;

    private final Clock clock;

    ErrorGroupsPageController(ErrorGroups groups, LogsProperties properties, Clock clock) {
        this.groups = groups;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The groups, most recently seen first, a page at a time (keyset: the next page starts after the last group
     * shown), of one region and matching a search where given.
     */
    @GetMapping("/errors")
    String errors(@RequestParam(required = false) @Nullable String region,
            @RequestParam(required = false) @Nullable String search,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor, Model model) {
        int size = (limit != null) ? Paging.limit(limit) : PAGE;
        ErrorGroups.Position after = ErrorGroups.Position.START;
        boolean paged = cursor != null && !cursor.isBlank();
        if (paged) {
            List<String> key = Paging.keyOf(cursor, 2);
            after = new ErrorGroups.Position(Paging.number(key.get(0)), Paging.number(key.get(1)));
        }
        String inRegion = (region == null || region.isBlank()) ? null : region.trim();
        String matching = (search == null || search.isBlank()) ? null : search.trim();
        List<ErrorGroup> rows = this.groups.page(inRegion, matching, after, size + 1);
        long now = this.clock.instant().getEpochSecond();
        List<Row> page = rows.stream()
            .limit(size)
            .map((g) -> new Row(g, this.groups.counts(g.id(), now - 86_400, now + 60, 86_460).values().stream()
                .mapToLong(Long::longValue).sum()))
            .toList();
        model.addAttribute("groups", page);
        model.addAttribute("region", inRegion);
        model.addAttribute("search", matching);
        model.addAttribute("regions", this.groups.regions());
        model.addAttribute("paged", paged);
        ErrorGroup last = page.isEmpty() ? null : page.get(page.size() - 1).group();
        model.addAttribute("next", (rows.size() > size && last != null)
                ? ServletUriComponentsBuilder.fromCurrentRequest()
                    .replaceQueryParam("cursor", Paging.cursorOf(last.lastSeenMs(), last.id()))
                    .build()
                    .toUriString()
                : null);
        model.addAttribute("first",
                ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("cursor").build().toUriString());
        return "logs/errors";
    }

    @GetMapping("/errors/{id}")
    String group(@PathVariable long id, Model model) {
        ErrorGroup group = this.groups.group(id)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No error group " + id));
        long now = this.clock.instant().getEpochSecond();
        long hour = Math.floorDiv(now, 3600) * 3600;
        Map<Long, Long> hourly = this.groups.counts(id, hour - 47 * 3600, hour + 3600, 3600);
        model.addAttribute("group", group);
        Map<String, Long> labelled = new java.util.LinkedHashMap<>();
        hourly.forEach((t, n) -> labelled.put(HOUR.format(java.time.Instant.ofEpochSecond(t)), n));
        model.addAttribute("hourly", labelled);
        model.addAttribute("versions", this.groups.versions(id));
        model.addAttribute("samples", this.groups.samples(id));
        model.addAttribute("samplesKept", this.properties.samplesPerGroup());
        return "logs/error-group";
    }

    /** A group with its occurrences over the last 24 hours. */
    record Row(ErrorGroup group, long lastDay) {
    }
}
