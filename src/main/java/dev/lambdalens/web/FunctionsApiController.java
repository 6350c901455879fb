package dev.lambdalens.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.lambdalens.InvalidFieldException;
import dev.lambdalens.Paging;
import dev.lambdalens.insights.VersionComparison;
import dev.lambdalens.insights.VersionComparisons;
import dev.lambdalens.inventory.FunctionChange;
import dev.lambdalens.inventory.FunctionState;
import dev.lambdalens.inventory.FunctionSummary;
import dev.lambdalens.inventory.Inventory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/functions}: the monitored functions, and one function with its latest figures.
 */
@RestController
@RequestMapping("/api/v1/functions")
class FunctionsApiController {

    private final Inventory inventory;

    private final FunctionLookup lookup;

    private final RecentFigures figures;

    private final VersionComparisons versions;

    private final Clock clock;

    FunctionsApiController(Inventory inventory, FunctionLookup lookup, RecentFigures figures,
            VersionComparisons versions, Clock clock) {
        this.inventory = inventory;
        this.lookup = lookup;
        this.figures = figures;
        this.versions = versions;
        this.clock = clock;
    }

    @GetMapping
    @Operation(summary = "Functions ever discovered, active and gone, in pages",
            description = "In region, name, account order; at most limit (default 100, up to 1,000) per page. The next "
                    + "page is linked in the Link header (rel=\"next\"), absent on the last page.")
    ResponseEntity<List<FunctionResponse>> functions(@RequestParam(required = false) @Nullable String account,
            @RequestParam(required = false) @Nullable String region,
            @Parameter(description = "active or gone") @RequestParam(required = false) @Nullable String state,
            @Parameter(description = "part of the name, any case") @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        int size = Paging.limit(limit);
        Inventory.FunctionPosition after = null;
        if (cursor != null) {
            List<String> key = Paging.keyOf(cursor, 3);
            after = new Inventory.FunctionPosition(key.get(0), key.get(1), key.get(2));
        }
        List<FunctionSummary> rows = this.inventory.functions(account, region, state(state), q, after, size + 1);
        return Paging.page(rows, size, (f) -> Paging.cursorOf(f.region(), f.name(), f.account()),
                (f) -> FunctionResponse.of(f, null));
    }

    private static @Nullable FunctionState state(@Nullable String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        return java.util.Arrays.stream(FunctionState.values())
            .filter((s) -> s.name().equalsIgnoreCase(state))
            .findFirst()
            .orElseThrow(() -> new InvalidFieldException("state", "state must be active or gone, not " + state));
    }

    @GetMapping("/{region}/{name}")
    @Operation(summary = "One function with its last hour's figures and its triggers")
    FunctionResponse function(@PathVariable String region, @PathVariable String name,
            @RequestParam(required = false) @Nullable String account) {
        FunctionSummary function = this.lookup.find(region, name, account);
        return FunctionResponse.of(function, this.figures.rows(List.of(function)).get(0).lastHour(),
                this.inventory.triggers(function.account(), function.region(), function.name()));
    }

    @GetMapping("/{region}/{name}/changes")
    @Operation(summary = "The code and configuration changes detected of one function, oldest first",
            description = "Each with when (the source's LastModified where plausible), what changed from what to what, "
                    + "and the version published with it; the same changes the function page marks on its charts.")
    List<FunctionChange> changes(@PathVariable String region, @PathVariable String name,
            @RequestParam(required = false) @Nullable String account) {
        FunctionSummary function = this.lookup.find(region, name, account);
        return this.inventory.changes(function.account(), function.region(), function.name());
    }

    @GetMapping("/{region}/{name}/rollouts")
    @Operation(summary = "The versions behind each alias of one function that routes to more than one",
            description = "Per weighted alias, its own version first: the weight configured, invocations, errors, "
                    + "the exact average duration and the highest 1-minute p99 over the last hours (1 to 720, default "
                    + "24), from Lambda's metrics by ExecutedVersion; empty when no alias is weighted.")
    List<VersionComparison> rollouts(@PathVariable String region, @PathVariable String name,
            @RequestParam(required = false) @Nullable String account,
            @RequestParam(required = false) @Nullable String hours) {
        int span = hours(hours);
        FunctionSummary function = this.lookup.find(region, name, account);
        Instant to = this.clock.instant();
        return this.versions.of(function, this.inventory.triggers(function.account(), function.region(),
                function.name()), to.minus(Duration.ofHours(span)), to);
    }

    private static int hours(@Nullable String hours) {
        if (hours == null || hours.isBlank()) {
            return 24;
        }
        try {
            int value = Integer.parseInt(hours.strip());
            if (value >= 1 && value <= 720) {
                return value;
            }
        }
        catch (NumberFormatException ex) {
            // refused below
        }
        throw new InvalidFieldException("hours", "hours must be a whole number from 1 to 720, not '" + hours + "'");
    }
}
