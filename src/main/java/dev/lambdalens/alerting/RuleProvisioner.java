package dev.lambdalens.alerting;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.lambdalens.InvalidFieldException;
import dev.lambdalens.provisioning.DeclarationException;
import dev.lambdalens.provisioning.Declarations;
import dev.lambdalens.provisioning.Provisioner;
import jakarta.validation.Validator;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The {@code rules} section of provisioning files: each item is a rule as {@code POST /api/v1/alert-rules} takes
 * it, with {@code channels} (names) instead of {@code channelIds}. A declared rule named like an existing rule made
 * by hand takes it over (the default rules, say), keeping its alerts and their history. A rule removed from its file
 * is deleted as the API deletes one: its firing alerts resolve and their history stays with the deleted rule, which
 * no longer holds its name (declared again, it comes back as a new rule).
 */
@Component
class RuleProvisioner implements Provisioner {

    private final AlertRuleRepository rules;

    private final AlertingAudit audit;

    private final JsonMapper json;

    private final Validator validator;

    private final RuleEvaluation evaluation;

    private final Clock clock;

    RuleProvisioner(AlertRuleRepository rules, AlertingAudit audit, JsonMapper json, Validator validator,
            RuleEvaluation evaluation, Clock clock) {
        this.evaluation = evaluation;
        this.rules = rules;
        this.audit = audit;
        this.json = json;
        this.validator = validator;
        this.clock = clock;
    }

    @Override
    public String section() {
        return "rules";
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public void apply(String source, List<Map<String, Object>> items, References references) {
        Map<String, AlertRule> byName = new LinkedHashMap<>();
        live().forEach((rule) -> byName.put(rule.definition().name(), rule));
        Set<String> declared = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Map<String, Object> fields = new LinkedHashMap<>(items.get(i));
            List<Long> channelIds = new ArrayList<>();
            Object channels = fields.remove("channels");
            if (channels instanceof List<?> names) {
                for (Object name : names) {
                    channelIds.add(references.id("channels", String.valueOf(name), i, "channels"));
                }
            }
            else if (channels != null) {
                throw new DeclarationException(i, "channels", "must be a list of channel names");
            }
            if (fields.containsKey("channelIds")) {
                throw new DeclarationException(i, "channelIds", "name the channels instead: channels: [name, ...]");
            }
            fields.put("channelIds", channelIds);
            RuleDefinition definition;
            try {
                definition = Declarations.read(fields, RuleRequest.class, i, this.json, this.validator).toDefinition();
            }
            catch (InvalidFieldException ex) {
                throw Declarations.of(ex, i);
            }
            if (!declared.add(definition.name())) {
                throw new DeclarationException(i, "name", "'" + definition.name() + "' is declared twice");
            }
            AlertRule existing = byName.get(definition.name());
            if (existing == null) {
                AlertRule rule = this.rules.save(new AlertRule(definition, this.clock.instant()));
                rule.provisionedFrom(source);
                this.audit.ruleCreated(rule);
                continue;
            }
            if (existing.source() != null) {
                throw new DeclarationException(i, "name", "'" + definition.name() + "' is a rule kept by "
                        + existing.source());
            }
            if (existing.provisionedFrom() != null && !existing.provisionedFrom().equals(source)) {
                throw new DeclarationException(i, "name", "'" + definition.name() + "' is declared in "
                        + existing.provisionedFrom() + " already");
            }
            if (!definition.equals(existing.definition()) || !source.equals(existing.provisionedFrom())) {
                RuleResponse before = RuleResponse.of(existing);
                existing.apply(definition, this.clock.instant());
                existing.provisionedFrom(source);
                this.audit.ruleChanged(before, existing);
            }
        }
        for (AlertRule rule : byName.values()) {
            if (source.equals(rule.provisionedFrom()) && !declared.contains(rule.definition().name())) {
                rule.delete(this.clock.instant());
                this.evaluation.settle(rule);
                this.audit.ruleDeleted(rule);
            }
        }
        this.rules.flush();
    }

    @Override
    public Set<String> sources() {
        return live().stream()
            .map(AlertRule::provisionedFrom)
            .filter(Objects::nonNull)
            .collect(Collectors.toSet());
    }

    @Override
    public Optional<Long> idOf(String name) {
        return live().stream().filter((r) -> r.definition().name().equals(name)).map(AlertRule::id).findFirst();
    }

    @Override
    public List<String> declaredIn(String source) {
        return live().stream().filter((r) -> source.equals(r.provisionedFrom())).map((r) -> r.definition().name())
            .toList();
    }

    /** The rules that exist for users: a deleted rule is kept only for its alerts' history. */
    private List<AlertRule> live() {
        return this.rules.findByDeletedAtIsNullOrderByIdAsc();
    }

    @Override
    public Optional<String> nameOf(long id) {
        return this.rules.findById(id).filter((r) -> !r.deleted()).map((r) -> r.definition().name());
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> export(References references) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (AlertRule rule : live()) {
            if (rule.source() != null) {
                continue; // a budget's: it comes with its budget
            }
            Map<String, Object> fields = new LinkedHashMap<>(this.json.convertValue(RuleResponse.of(rule), Map.class));
            fields.remove("id");
            fields.remove("provisionedFrom");
            List<Long> channelIds = rule.definition().channelIds();
            fields.remove("channelIds");
            fields.values().removeIf(Objects::isNull);
            if (!channelIds.isEmpty()) {
                fields.put("channels", channelIds.stream()
                    .map((id) -> references.name("channels", id).orElse(String.valueOf(id)))
                    .toList());
            }
            items.add(fields);
        }
        return items;
    }
}
