package dev.lambdalens.alerting;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.lambdalens.InvalidFieldException;
import dev.lambdalens.Paging;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The alerts page: firing alerts first, grouped by rule, narrowed by state, severity, rule, region, function and a
 * search, sorted by any column, a page at a time; each alert with acknowledge and silence a click away. Filters,
 * sort and page all live in the address, so a view can be shared and reloaded. Below them, the rules.
 */
@Controller
class AlertsPageController {

    /** Alerts per page when the address names no limit. */
    static final int PAGE = 50;

    /** The sortable columns: the sort each names, and its heading. */
    private static final Map<String, String> COLUMNS = columns();

    private final AlertList list;

    private final AlertRuleRepository rules;

    private final Clock clock;

    AlertsPageController(AlertList list, AlertRuleRepository rules, Clock clock) {
        this.list = list;
        this.rules = rules;
        this.clock = clock;
    }

    @GetMapping("/alerts")
    @Transactional(readOnly = true)
    String alerts(@RequestParam(required = false) @Nullable String state,
            @RequestParam(required = false) @Nullable String severity,
            @RequestParam(required = false) @Nullable Long rule,
            @RequestParam(required = false) @Nullable String region,
            @RequestParam(required = false) @Nullable String function,
            @RequestParam(required = false) @Nullable String search,
            @RequestParam(required = false) @Nullable String sort, @RequestParam(required = false) @Nullable String dir,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor, HttpServletRequest request, Model model) {
        try {
            AlertList.Filter filter = new AlertList.Filter(parse(AlarmState.class, "state", state),
                    parse(Severity.class, "severity", severity), rule, blank(region), blank(function), blank(search));
            AlertList.Sort order = AlertList.Sort.of(sort);
            boolean reversed = "desc".equalsIgnoreCase(blank(dir));
            int size = (limit != null) ? Paging.limit(limit) : PAGE;
            AlertList.Page page = this.list.page(filter, order, reversed, blank(cursor), size, this.clock.instant());
            model.addAttribute("alerts", page.items());
            model.addAttribute("counts", this.list.counts(filter));
            model.addAttribute("filter", filter);
            model.addAttribute("sort", order.param());
            model.addAttribute("reversed", reversed);
            model.addAttribute("grouped", order == AlertList.Sort.STATE);
            model.addAttribute("paged", blank(cursor) != null);
            model.addAttribute("next", (page.next() != null) ? ServletUriComponentsBuilder.fromCurrentRequest()
                .replaceQueryParam("cursor", page.next())
                .build()
                .toUriString() : null);
            model.addAttribute("first",
                    ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("cursor").build().toUriString());
            Map<String, String> sortLinks = new LinkedHashMap<>();
            for (AlertList.Sort s : AlertList.Sort.values()) {
                boolean current = s == order;
                sortLinks.put(s.param(), ServletUriComponentsBuilder.fromCurrentRequest()
                    .replaceQueryParam("cursor")
                    .replaceQueryParam("sort", s.param())
                    .replaceQueryParam("dir", (current && !reversed) ? "desc" : null)
                    .build()
                    .toUriString());
            }
            model.addAttribute("sortLinks", sortLinks);
            model.addAttribute("columns", COLUMNS);
            Map<String, String> stateLinks = new LinkedHashMap<>();
            for (AlarmState s : AlarmState.values()) {
                stateLinks.put(s.name(), ServletUriComponentsBuilder.fromCurrentRequest()
                    .replaceQueryParam("cursor")
                    .replaceQueryParam("state", s.name())
                    .build()
                    .toUriString());
            }
            model.addAttribute("stateLinks", stateLinks);
            model.addAttribute("back", request.getRequestURI()
                    + ((request.getQueryString() != null) ? "?" + request.getQueryString() : ""));
        }
        catch (InvalidFieldException ex) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, ex.getMessage());
        }
        model.addAttribute("regions", this.list.regions());
        model.addAttribute("severities", Severity.values());
        model.addAttribute("states", AlarmState.values());
        model.addAttribute("rules", this.rules.findByDeletedAtIsNullOrderByIdAsc().stream().map(RuleResponse::of).toList());
        return "alerting/alerts";
    }

    private static Map<String, String> columns() {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("state", "State");
        columns.put("severity", "Severity");
        columns.put("rule", "Rule");
        columns.put("target", "Target");
        columns.put("since", "Since");
        return java.util.Collections.unmodifiableMap(columns);
    }

    private static <E extends Enum<E>> @Nullable E parse(Class<E> type, String field, @Nullable String value) {
        String given = blank(value);
        if (given == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, given.toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidFieldException(field, field + " must be one of "
                    + java.util.Arrays.toString(type.getEnumConstants()) + ", not " + given);
        }
    }

    private static @Nullable String blank(@Nullable String value) {
        return (value == null || value.isBlank()) ? null : value.trim();
    }
}
