package dev.lambdalens.alerting;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.lambdalens.InvalidFieldException;
import dev.lambdalens.shared.FormRebinding;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * One alert with its rule's condition in words, a chart of its signal, the datapoints last judged and its history,
 * and an acknowledge form; the silences page with its form.
 */
@Controller
class AlertPagesController {

    private final AlertingAudit audit;

    private final AlertRepository alerts;

    private final AlertRuleRepository rules;

    private final AlertTransitionRepository transitions;

    private final SilenceRepository silences;

    private final Clock clock;

    private final Acknowledgements acknowledgements;

    private final SilencePolicy policy;

    private final FormRebinding forms;

    private final AlertSignals signals;

    private final JsonMapper json;

    AlertPagesController(AlertRepository alerts, AlertRuleRepository rules, AlertTransitionRepository transitions,
            SilenceRepository silences, Clock clock, AlertingAudit audit, Acknowledgements acknowledgements,
            SilencePolicy policy, FormRebinding forms, AlertSignals signals, JsonMapper json) {
        this.signals = signals;
        this.json = json;
        this.acknowledgements = acknowledgements;
        this.policy = policy;
        this.forms = forms;
        this.audit = audit;
        this.alerts = alerts;
        this.rules = rules;
        this.transitions = transitions;
        this.silences = silences;
        this.clock = clock;
    }

    @GetMapping("/alerts/{id}")
    @Transactional(readOnly = true)
    String alert(@PathVariable long id, Model model) {
        Alert alert = this.alerts.findById(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        AlertRule rule = this.rules.findById(alert.ruleId()).orElseThrow();
        RuleDefinition definition = rule.definition();
        List<AlertTransition> history = this.transitions.findByAlertIdOrderByAtDesc(id);
        model.addAttribute("alert", AlertResponse.of(alert, rule));
        model.addAttribute("rule", new RuleView(alert.ruleId(), ConditionWords.of(definition),
                definition.description(), definition.runbookUrl(), rule.enabled() && !rule.deleted(), rule.deleted(),
                rule.provisionedFrom() == null && rule.source() == null && !rule.deleted()));
        model.addAttribute("history", history.stream()
            .map((t) -> new HistoryRow(AlertResponse.TransitionResponse.of(t), AlertSignals.datapoints(t, definition)))
            .toList());
        AlertSignals.SignalView signal = this.signals.read(alert, rule, history, 1);
        model.addAttribute("signal", signal);
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("source", "/api/v1/alerts/" + id + "/signal");
        chart.put("unit", ConditionWords.unit(definition));
        model.addAttribute("chart", new SignalChart(ConditionWords.signalName(definition) + ", last "
                + AlertSignals.DEFAULT_HOURS + " hours, per " + definition.condition().period().toMinutes() + " min",
                this.json.writeValueAsString(chart)));
        if (!model.containsAttribute("ack")) {
            model.addAttribute("ack", new AckForm(null));
        }
        return "alerting/alert";
    }

    @PostMapping("/alerts/{id}/ack")
    @Transactional
    String acknowledge(@PathVariable long id, @Valid @ModelAttribute("ack") AckForm ack, BindingResult errors,
            Model model) {
        Alert alert = this.alerts.findById(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (alert.state() != AlarmState.ALARM) {
            errors.reject("state", "Only an alert in ALARM can be acknowledged");
        }
        if (errors.hasErrors()) {
            return alert(id, model);
        }
        this.acknowledgements.acknowledge(alert, Actor.current(null), ack.comment());
        return "redirect:/alerts/" + id;
    }

    @GetMapping("/alerts/silences")
    @Transactional(readOnly = true)
    String silences(Model model) {
        Instant now = this.clock.instant();
        model.addAttribute("silences", this.silences.findAllByOrderByStartsAtDesc()
            .stream()
            .map((s) -> SilencesApiController.SilenceResponse.of(s, now))
            .toList());
        if (!model.containsAttribute("silence")) {
            model.addAttribute("silence", new SilenceForm(null, null, null, null,
                    LocalDateTime.ofInstant(now.plusSeconds(3600), ZoneOffset.UTC).withSecond(0).withNano(0), "", "",
                    null));
        }
        return "alerting/silences";
    }

    @PostMapping("/alerts/silences")
    @Transactional
    String createSilence(@Valid @ModelAttribute("silence") @Nullable SilenceForm bound, BindingResult errors,
            HttpServletRequest request, Model model) {
        SilenceForm form = this.forms.ensure(bound, SilenceForm.class, "silence", errors, request, model);
        if (bound == null) {
            return silences(model);
        }
        Instant now = this.clock.instant();
        Instant ends = (form.endsAt() != null) ? form.endsAt().toInstant(ZoneOffset.UTC) : null;
        if (ends != null && !ends.isAfter(now)) {
            errors.rejectValue("endsAt", "past", "must be in the future");
        }
        if (form.ruleId() != null && !this.rules.existsById(form.ruleId())) {
            errors.rejectValue("ruleId", "unknown", "no alert rule " + form.ruleId());
        }
        if (!errors.hasErrors() && ends != null) {
            try {
                this.policy.check(form.ruleId(), form.account(), form.region(), form.functionPattern(), now, ends, now,
                        form.confirmMatchesEverything());
            }
            catch (InvalidFieldException ex) {
                errors.rejectValue(ex.field(), "limit", String.valueOf(ex.getMessage()));
            }
        }
        if (errors.hasErrors()) {
            return silences(model);
        }
        this.audit.silenceCreated(this.silences.save(new Silence(form.ruleId(), blank(form.account()),
                blank(form.region()), blank(form.functionPattern()), now, ends, Actor.current(form.createdBy()), form.comment(), now)));
        return "redirect:/alerts/silences";
    }

    @PostMapping("/alerts/silences/{id}/expire")
    @Transactional
    String expireSilence(@PathVariable long id) {
        Silence silence = this.silences.findById(id)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        silence.checkEditable();
        SilencesApiController.SilenceResponse before = SilencesApiController.SilenceResponse.of(silence,
                this.clock.instant());
        silence.expire(this.clock.instant());
        this.audit.silenceEnded(before, silence);
        return "redirect:/alerts/silences";
    }

    private static @Nullable String blank(@Nullable String value) {
        return (value == null || value.isBlank()) ? null : value.trim();
    }

    /**
     * The alert's rule as its page shows it.
     *
     * @param watching whether the rule is enabled and not deleted
     * @param editable whether the rule's form may change it (not provisioned from a file, not built in, not deleted)
     */
    record RuleView(long id, String condition, @Nullable String description, @Nullable String runbookUrl,
            boolean watching, boolean deleted, boolean editable) {
    }

    /** One change of state with its datapoints, each with its period, rounded and with its unit. */
    record HistoryRow(AlertResponse.TransitionResponse change, List<AlertSignals.Reading> datapoints) {
    }

    /** The chart fragment's title and the JSON charts.js reads from {@code data-chart}. */
    record SignalChart(String title, String json) {
    }

    /** Why one acknowledges (who is the signed-in user). */
    record AckForm(@Size(max = 1000) @Nullable String comment) {
    }

    /** A silence as the form takes it (times in UTC). */
    record SilenceForm(@Nullable Long ruleId,
            @Pattern(regexp = "|\\d{12}", message = "must be a 12-digit account id") @Nullable String account,
            @Pattern(regexp = "|[a-z]{2}(-[a-z]+)+-\\d+", message = "must be a region name such as us-east-1")
            @Nullable String region, @Size(max = 200) @Nullable String functionPattern,
            @NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable LocalDateTime endsAt,
            @Size(max = 100) @Nullable String createdBy, @NotBlank @Size(max = 1000) String comment,
            @Nullable Boolean confirmMatchesEverything) {
    }
}
