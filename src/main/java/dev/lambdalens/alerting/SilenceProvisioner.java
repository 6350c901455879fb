package dev.lambdalens.alerting;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The {@code silences} section of provisioning files: each item is a silence as {@code POST /api/v1/silences} takes
 * it, with {@code rule} (a name) instead of {@code ruleId}, held to the same limits. A silence has no name, so it is
 * known by what it says: a declared silence equal to one that exists (a hand-made one included: it is taken over)
 * is that silence; any other is new, and a silence removed from its file ends now and stays as history, as an
 * expired silence does. One declared without {@code startsAt} starts when first applied; one that has already
 * ended is left alone (a file is not edited the moment a silence ends).
 */
@Component
class SilenceProvisioner implements Provisioner {

    private final SilenceRepository silences;

    private final SilencePolicy policy;

    private final AlertingAudit audit;

    private final JsonMapper json;

    private final Validator validator;

    private final Clock clock;

    SilenceProvisioner(SilenceRepository silences, SilencePolicy policy, AlertingAudit audit, JsonMapper json,
            Validator validator, Clock clock) {
        this.silences = silences;
        this.policy = policy;
        this.audit = audit;
        this.json = json;
        this.validator = validator;
        this.clock = clock;
    }

    @Override
    public String section() {
        return "silences";
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public void apply(String source, List<Map<String, Object>> items, References references) {
        Instant now = this.clock.instant();
        // what this file may claim: its own silences, ended or not, and the hand-made ones still in force
        List<Silence> candidates = new ArrayList<>(this.silences.findAllByOrderByStartsAtDesc()
            .stream()
            .filter((s) -> source.equals(s.provisionedFrom()) || (s.provisionedFrom() == null && !s.ended(now)))
            .toList());
        List<Silence> kept = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Map<String, Object> fields = new LinkedHashMap<>(items.get(i));
            if (fields.containsKey("ruleId")) {
                throw new DeclarationException(i, "ruleId", "name the rule instead: rule: <name>");
            }
            Object rule = fields.remove("rule");
            Long ruleId = (rule != null) ? references.id("rules", String.valueOf(rule), i, "rule") : null;
            fields.put("ruleId", ruleId);
            SilencesApiController.SilenceRequest request = Declarations.read(fields,
                    SilencesApiController.SilenceRequest.class, i, this.json, this.validator);
            String createdBy = (request.createdBy() != null && !request.createdBy().isBlank())
                    ? request.createdBy().trim() : source;
            Silence existing = candidates.stream()
                .filter((s) -> same(s, request, ruleId, createdBy))
                .findFirst()
                .orElse(null);
            if (existing != null) {
                candidates.remove(existing);
                kept.add(existing);
                if (!source.equals(existing.provisionedFrom())) {
                    SilencesApiController.SilenceResponse before = SilencesApiController.SilenceResponse.of(existing, now);
                    existing.provisionedFrom(source);
                    this.audit.silenceChanged(before, existing);
                }
                continue;
            }
            Instant starts = (request.startsAt() != null) ? request.startsAt() : now;
            if (!request.endsAt().isAfter(starts)) {
                throw new DeclarationException(i, "endsAt", "must be after startsAt");
            }
            if (!request.endsAt().isAfter(now)) {
                continue; // already over: nothing to silence
            }
            try {
                this.policy.check(ruleId, request.account(), request.region(), request.functionPattern(), starts,
                        request.endsAt(), now, request.confirmMatchesEverything(), true);
            }
            catch (InvalidFieldException ex) {
                throw Declarations.of(ex, i);
            }
            Silence silence = new Silence(ruleId, blank(request.account()), blank(request.region()),
                    blank(request.functionPattern()), starts, request.endsAt(), createdBy, request.comment(), now);
            silence.provisionedFrom(source);
            kept.add(this.silences.save(silence));
            this.audit.silenceCreated(silence);
        }
        for (Silence silence : candidates) {
            if (source.equals(silence.provisionedFrom()) && !silence.ended(now)) {
                SilencesApiController.SilenceResponse before = SilencesApiController.SilenceResponse.of(silence, now);
                silence.expire(now);
                this.audit.silenceEnded(before, silence);
            }
        }
        this.silences.flush();
    }

    /** Whether {@code silence} is the one declared: same matchers, end, comment and author, and start if given. */
    private static boolean same(Silence silence, SilencesApiController.SilenceRequest declared, @Nullable Long ruleId,
            String createdBy) {
        return Objects.equals(silence.ruleId(), ruleId) && Objects.equals(silence.account(), blank(declared.account()))
                && Objects.equals(silence.region(), blank(declared.region()))
                && Objects.equals(silence.functionPattern(), blank(declared.functionPattern()))
                && (declared.startsAt() == null || silence.startsAt().equals(declared.startsAt()))
                && silence.endsAt().equals(declared.endsAt()) && silence.comment().equals(declared.comment())
                && silence.createdBy().equals(createdBy);
    }

    @Override
    public Set<String> sources() {
        Instant now = this.clock.instant();
        return this.silences.findByEndsAtAfterOrderByEndsAtAsc(now)
            .stream()
            .map(Silence::provisionedFrom)
            .filter(Objects::nonNull)
            .collect(Collectors.toSet());
    }

    /** The silences in force or to come, each as its comment, matchers and end. */
    @Override
    public List<String> declaredIn(String source) {
        return this.silences.findByEndsAtAfterOrderByEndsAtAsc(this.clock.instant())
            .stream()
            .filter((s) -> source.equals(s.provisionedFrom()))
            .map((s) -> s.comment() + " (" + matchers(s) + " until " + s.endsAt() + ")")
            .toList();
    }

    private static String matchers(Silence silence) {
        List<String> matchers = new ArrayList<>();
        if (silence.ruleId() != null) {
            matchers.add("rule " + silence.ruleId());
        }
        putIfSet(matchers, "account ", silence.account());
        putIfSet(matchers, "region ", silence.region());
        putIfSet(matchers, "functions ", silence.functionPattern());
        return matchers.isEmpty() ? "every alert" : String.join(", ", matchers);
    }

    private static void putIfSet(List<String> matchers, String label, @Nullable String value) {
        if (value != null) {
            matchers.add(label + value);
        }
    }

    @Override
    public Optional<Long> idOf(String name) {
        return Optional.empty(); // nothing refers to a silence
    }

    @Override
    public Optional<String> nameOf(long id) {
        return Optional.empty();
    }

    /** The silences in force or to come; those that ended are history, not configuration. */
    @Override
    public List<Map<String, Object>> export(References references) {
        List<Map<String, Object>> items = new ArrayList<>();
        Instant now = this.clock.instant();
        for (Silence silence : this.silences.findByEndsAtAfterOrderByEndsAtAsc(now)) {
            Map<String, Object> fields = new LinkedHashMap<>();
            if (silence.ruleId() != null) {
                Optional<String> rule = references.name("rules", silence.ruleId());
                if (rule.isEmpty()) {
                    continue; // its rule was deleted: it mutes nothing
                }
                fields.put("rule", rule.get());
            }
            putIfSet(fields, "account", silence.account());
            putIfSet(fields, "region", silence.region());
            putIfSet(fields, "functionPattern", silence.functionPattern());
            fields.put("startsAt", silence.startsAt().toString());
            fields.put("endsAt", silence.endsAt().toString());
            fields.put("createdBy", silence.createdBy());
            fields.put("comment", silence.comment());
            if (silence.ruleId() == null && silence.account() == null && silence.region() == null
                    && (silence.functionPattern() == null || silence.functionPattern().matches("\\*+"))) {
                fields.put("confirmMatchesEverything", true);
            }
            items.add(fields);
        }
        return items;
    }

    private static void putIfSet(Map<String, Object> fields, String key, @Nullable String value) {
        if (value != null) {
            fields.put(key, value);
        }
    }

    private static @Nullable String blank(@Nullable String value) {
        return (value == null || value.isBlank()) ? null : value.trim();
    }
}
