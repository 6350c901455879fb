package dev.lambdalens.cost;

import java.net.URI;
import java.util.List;

import dev.lambdalens.alerting.ChannelReferences;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/budgets")
class BudgetsApiController {

    private final Budgets budgets;

    private final ChannelReferences channels;

    BudgetsApiController(Budgets budgets, ChannelReferences channels) {
        this.channels = channels;
        this.budgets = budgets;
    }

    @GetMapping
    List<Budgets.BudgetView> budgets() {
        return this.budgets.all();
    }

    @GetMapping("/{id}")
    Budgets.BudgetView budget(@PathVariable long id) {
        return this.budgets.find(id).orElseThrow(() -> notFound(id));
    }

    @PostMapping
    ResponseEntity<Budgets.BudgetView> create(@Valid @RequestBody BudgetRequest request) {
        BudgetDefinition definition = request.toDefinition();
        this.channels.check(definition.channelIds());
        long id = this.budgets.create(definition);
        return ResponseEntity.created(URI.create("/api/v1/budgets/" + id)).body(budget(id));
    }

    @PutMapping("/{id}")
    Budgets.BudgetView update(@PathVariable long id, @Valid @RequestBody BudgetRequest request) {
        BudgetDefinition definition = request.toDefinition();
        this.channels.check(definition.channelIds());
        if (!this.budgets.update(id, definition)) {
            throw notFound(id);
        }
        return budget(id);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        if (!this.budgets.delete(id)) {
            throw notFound(id);
        }
        return ResponseEntity.noContent().build();
    }

    private static ErrorResponseException notFound(long id) {
        return new ErrorResponseException(HttpStatus.NOT_FOUND,
                ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No budget " + id), null);
    }
}
