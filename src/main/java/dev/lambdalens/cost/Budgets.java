package dev.lambdalens.cost;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import dev.lambdalens.AuditableChange;
import dev.lambdalens.alerting.ExternalAlerts;

import org.springframework.context.ApplicationEventPublisher;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Budgets as the pages and the API see them: each with its definition and where it stands. A new or changed budget
 * is judged at once; a deleted one takes its alerts with it.
 */
@Service
public class Budgets {

    private final BudgetRepository budgets;

    private final BudgetEvaluation evaluation;

    private final ExternalAlerts alerts;

    private final TransactionTemplate transaction;

    private final Clock clock;

    private final ApplicationEventPublisher events;

    Budgets(BudgetRepository budgets, BudgetEvaluation evaluation, ExternalAlerts alerts,
            TransactionTemplate transaction, Clock clock, ApplicationEventPublisher events) {
        this.events = events;
        this.budgets = budgets;
        this.evaluation = evaluation;
        this.alerts = alerts;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Every budget with its status, by name. */
    public List<BudgetView> all() {
        return this.transaction.execute((tx) -> {
            tx.setRollbackOnly();
            BudgetEvaluation.Periods periods = this.evaluation.new Periods();
            return this.budgets.findAllByOrderByNameAsc()
                .stream()
                .map((b) -> new BudgetView(b.id(), b.definition(), this.evaluation.status(b, periods),
                        b.provisionedFrom()))
                .toList();
        });
    }

    public Optional<BudgetView> find(long id) {
        return this.transaction.execute((tx) -> {
            tx.setRollbackOnly();
            return this.budgets.findById(id)
                .map((b) -> new BudgetView(b.id(), b.definition(), this.evaluation.status(b),
                        b.provisionedFrom()));
        });
    }

    public long create(BudgetDefinition definition) {
        Long id = this.transaction.execute((tx) -> {
            Budget budget = this.budgets.save(new Budget(definition, this.clock.instant()));
            this.events.publishEvent(AuditableChange.created("budget", String.valueOf(budget.id()), definition));
            return budget.id();
        });
        this.evaluation.evaluate(id);
        return id;
    }

    /**
     * Returns whether the budget existed.
     *
     * @throws ManagedBudgetException (409) when a provisioning file declares it
     */
    public boolean update(long id, BudgetDefinition definition) {
        Boolean found = this.transaction.execute((tx) -> this.budgets.findById(id).map((b) -> {
            b.checkEditable();
            BudgetDefinition before = b.definition();
            b.apply(definition, this.clock.instant());
            this.events.publishEvent(AuditableChange.changed("budget", String.valueOf(id), before, definition));
            return true;
        }).orElse(false));
        if (Boolean.TRUE.equals(found)) {
            this.evaluation.evaluate(id);
        }
        return Boolean.TRUE.equals(found);
    }

    /**
     * Returns whether the budget existed.
     *
     * @throws ManagedBudgetException (409) when a provisioning file declares it
     */
    public boolean delete(long id) {
        Boolean found = this.transaction.execute((tx) -> this.budgets.findById(id).map((b) -> {
            b.checkEditable();
            this.alerts.remove(b.alertSource());
            this.budgets.delete(b);
            this.events.publishEvent(AuditableChange.deleted("budget", String.valueOf(id), b.definition()));
            return true;
        }).orElse(false));
        return Boolean.TRUE.equals(found);
    }

    /**
     * A budget, what it says and where it stands.
     *
     * @param provisionedFrom the provisioning file that declares it (read-only here), or {@code null}
     */
    public record BudgetView(long id, BudgetDefinition definition, BudgetStatus status,
            @org.jspecify.annotations.Nullable String provisionedFrom) {
    }
}
