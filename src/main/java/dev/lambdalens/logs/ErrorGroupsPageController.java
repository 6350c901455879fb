package dev.lambdalens.logs;

import java.time.Clock;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/** The page of error groups, and one group's page: its counts per hour, versions and samples. */
@Controller
class ErrorGroupsPageController {

    private static final int PAGE = 500;

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

    @GetMapping("/errors")
    String errors(Model model) {
        long now = this.clock.instant().getEpochSecond();
        model.addAttribute("groups", this.groups.groups(null, null, null, PAGE).stream()
            .map((g) -> new Row(g, this.groups.counts(g.id(), now - 86_400, now + 60, 86_460).values().stream()
                .mapToLong(Long::longValue).sum()))
            .toList());
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
