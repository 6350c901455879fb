package dev.lambdalens.web;

import java.util.List;

import dev.lambdalens.inventory.FunctionSummary;
import dev.lambdalens.inventory.Inventory;
import io.swagger.v3.oas.annotations.Operation;
import org.jspecify.annotations.Nullable;

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

    FunctionsApiController(Inventory inventory, FunctionLookup lookup, RecentFigures figures) {
        this.inventory = inventory;
        this.lookup = lookup;
        this.figures = figures;
    }

    @GetMapping
    @Operation(summary = "Every function ever discovered, active and gone")
    List<FunctionResponse> functions() {
        return this.inventory.functions().stream().map((f) -> FunctionResponse.of(f, null)).toList();
    }

    @GetMapping("/{region}/{name}")
    @Operation(summary = "One function with its last hour's figures")
    FunctionResponse function(@PathVariable String region, @PathVariable String name,
            @RequestParam(required = false) @Nullable String account) {
        FunctionSummary function = this.lookup.find(region, name, account);
        return FunctionResponse.of(function, this.figures.rows(List.of(function)).get(0).lastHour());
    }
}
