package dev.lambdalens.cost;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.lambdalens.AuditableChange;
import dev.lambdalens.InvalidFieldException;
import dev.lambdalens.alerting.ExternalAlerts;
import dev.lambdalens.provisioning.DeclarationException;
import dev.lambdalens.provisioning.Declarations;
import dev.lambdalens.provisioning.Provisioner;
import jakarta.validation.Validator;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The {@code budgets} section of provisioning files: each item is a budget as {@code POST /api/v1/budgets} takes
 * it, with {@code channels} (names) instead of {@code channelIds}. A declared budget named like one made by hand
 * takes it over, keeping the thresholds it crossed. A budget removed from its file is deleted with its alerts, as
 * the API deletes one. The alert rule of a budget is defined with it (a silence of the same file may name it);
 * what was created or changed is judged once the file's transaction has committed.
 */
@Component
class BudgetProvisioner implements Provisioner {

    private final BudgetRepository budgets;

    private final BudgetEvaluation evaluation;

    private final ExternalAlerts alerts;

    private final ApplicationEventPublisher events;

    private final JsonMapper json;

    private final Validator validator;

    private final Clock clock;

    /** The budgets the last applied file created or changed, to judge after its commit. */
    private final Set<Long> toJudge = new LinkedHashSet<>();

    BudgetProvisioner(BudgetRepository budgets, BudgetEvaluation evaluation, ExternalAlerts alerts,
            ApplicationEventPublisher events, JsonMapper json, Validator validator, Clock clock) {
        this.budgets = budgets;
        this.evaluation = evaluation;
        this.alerts = alerts;
        this.events = events;
        this.json = json;
        this.validator = validator;
        this.clock = clock;
    }

    @Override
    public String section() {
        return "budgets";
    }

    @Override
    public int order() {
        return 25;
    }

    @Override
    public synchronized void apply(String source, List<Map<String, Object>> items, References references) {
        this.toJudge.clear();
        Map<String, Budget> byName = new LinkedHashMap<>();
        this.budgets.findAll().forEach((budget) -> byName.put(budget.name(), budget));
        Set<String> declared = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Map<String, Object> fields = new LinkedHashMap<>(items.get(i));
            if (fields.containsKey("channelIds")) {
                throw new DeclarationException(i, "channelIds", "name the channels instead: channels: [name, ...]");
            }
            Object channels = fields.remove("channels");
            List<Long> channelIds = new ArrayList<>();
            if (channels instanceof List<?> names) {
                for (Object name : names) {
                    channelIds.add(references.id("channels", String.valueOf(name), i, "channels"));
                }
            }
            else if (channels != null) {
                throw new DeclarationException(i, "channels", "must be a list of channel names");
            }
            fields.put("channelIds", channelIds);
            BudgetDefinition definition;
            try {
                definition = Declarations.read(fields, BudgetRequest.class, i, this.json, this.validator)
                    .toDefinition();
            }
            catch (InvalidFieldException ex) {
                throw Declarations.of(ex, i);
            }
            if (!declared.add(definition.name())) {
                throw new DeclarationException(i, "name", "'" + definition.name() + "' is declared twice");
            }
            Budget existing = byName.get(definition.name());
            if (existing == null) {
                Budget budget = this.budgets.save(new Budget(definition, this.clock.instant()));
                budget.provisionedFrom(source);
                this.events.publishEvent(AuditableChange.created("budget", String.valueOf(budget.id()), definition));
                this.evaluation.define(budget);
                this.toJudge.add(budget.id());
                continue;
            }
            if (existing.provisionedFrom() != null && !existing.provisionedFrom().equals(source)) {
                throw new DeclarationException(i, "name", "'" + definition.name() + "' is declared in "
                        + existing.provisionedFrom() + " already");
            }
            if (!definition.equals(existing.definition()) || !source.equals(existing.provisionedFrom())) {
                BudgetDefinition before = existing.definition();
                existing.apply(definition, this.clock.instant());
                existing.provisionedFrom(source);
                this.events.publishEvent(AuditableChange.changed("budget", String.valueOf(existing.id()), before,
                        definition));
                this.evaluation.define(existing);
                this.toJudge.add(existing.id());
            }
        }
        for (Budget budget : byName.values()) {
            if (source.equals(budget.provisionedFrom()) && !declared.contains(budget.name())) {
                this.alerts.remove(budget.alertSource());
                this.budgets.delete(budget);
                this.events.publishEvent(AuditableChange.deleted("budget", String.valueOf(budget.id()),
                        budget.definition()));
            }
        }
        this.budgets.flush();
    }

    @Override
    public synchronized void applied() {
        List<Long> ids = new ArrayList<>(this.toJudge);
        this.toJudge.clear();
        ids.forEach(this.evaluation::evaluate);
    }

    @Override
    public Set<String> sources() {
        return this.budgets.findAll()
            .stream()
            .map(Budget::provisionedFrom)
            .filter(Objects::nonNull)
            .collect(Collectors.toSet());
    }

    @Override
    public List<String> declaredIn(String source) {
        return this.budgets.findAllByOrderByNameAsc().stream().filter((b) -> source.equals(b.provisionedFrom()))
            .map(Budget::name).toList();
    }

    @Override
    public Optional<Long> idOf(String name) {
        return this.budgets.findAll().stream().filter((b) -> b.name().equals(name)).map(Budget::id).findFirst();
    }

    @Override
    public Optional<String> nameOf(long id) {
        return this.budgets.findById(id).map(Budget::name);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> export(References references) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (Budget budget : this.budgets.findAllByOrderByNameAsc()) {
            BudgetDefinition definition = budget.definition();
            Map<String, Object> fields = new LinkedHashMap<>(
                    this.json.convertValue(BudgetRequest.of(definition), Map.class));
            fields.remove("channelIds");
            fields.values().removeIf(Objects::isNull);
            if (!definition.channelIds().isEmpty()) {
                fields.put("channels", definition.channelIds()
                    .stream()
                    .map((id) -> references.name("channels", id).orElse(String.valueOf(id)))
                    .toList());
            }
            items.add(fields);
        }
        return items;
    }
}
