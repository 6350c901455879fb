package dev.lambdalens.alerting;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.lambdalens.InvalidFieldException;
import dev.lambdalens.ReaderZone;
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

    /** Changes of state per page of an alert's history when the address names no limit. */
    static final int HISTORY_PAGE = 50;

    /** The alert, and its history newest first, a page at a time (keyset on the change's time and id). */
    @GetMapping("/alerts/{id}")
    @Transactional(readOnly = true)
    String alert(@PathVariable long id,
            @org.springframework.web.bind.annotation.RequestParam(required = false) @Nullable Integer limit,
            @org.springframework.web.bind.annotation.RequestParam(required = false) @Nullable String cursor,
            Model model) {
        Alert alert = this.alerts.findById(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        AlertRule rule = this.rules.findById(alert.ruleId()).orElseThrow();
        RuleDefinition definition = rule.definition();
        List<AlertTransition> history = this.transitions.findByAlertIdOrderByAtDesc(id);
        model.addAttribute("alert", AlertResponse.of(alert, rule));
        model.addAttribute("rule", new RuleView(alert.ruleId(), ConditionWords.of(definition),
                definition.description(), definition.runbookUrl(), rule.enabled() && !rule.deleted(), rule.deleted(),
                rule.provisionedFrom() == null && rule.source() == null && !rule.deleted()));
        int size;
        Instant at = dev.lambdalens.Paging.END_OF_TIME;
        long after = Long.MAX_VALUE;
        boolean paged = cursor != null && !cursor.isBlank();
        try {
            size = (limit != null) ? dev.lambdalens.Paging.limit(limit) : HISTORY_PAGE;
            if (paged) {
                List<String> key = dev.lambdalens.Paging.keyOf(cursor, 3);
                at = Instant.ofEpochSecond(dev.lambdalens.Paging.number(key.get(0)),
                        dev.lambdalens.Paging.number(key.get(1)));
                after = dev.lambdalens.Paging.number(key.get(2));
            }
        }
        catch (InvalidFieldException ex) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, ex.getMessage());
        }
        List<AlertTransition> rows = this.transitions.page(id, Instant.EPOCH, dev.lambdalens.Paging.END_OF_TIME, at,
                after, org.springframework.data.domain.Limit.of(size + 1));
        List<AlertTransition> shown = rows.subList(0, Math.min(size, rows.size()));
        model.addAttribute("history", shown.stream()
            .map((t) -> new HistoryRow(AlertResponse.TransitionResponse.of(t), AlertSignals.datapoints(t, definition)))
            .toList());
        AlertTransition last = shown.isEmpty() ? null : shown.get(shown.size() - 1);
        model.addAttribute("historyNext", (rows.size() > size && last != null)
                ? org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromCurrentRequest()
                    .replaceQueryParam("cursor", dev.lambdalens.Paging.cursorOf(last.at().getEpochSecond(),
                            last.at().getNano(), last.id()))
                    .fragment("history")
                    .build()
                    .toUriString()
                : null);
        model.addAttribute("historyFirst", paged ? "/alerts/" + id + "#history" : null);
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
        Instant now = this.clock.instant();
        model.addAttribute("silencedBy", this.silences.findByEndsAtAfterOrderByEndsAtAsc(now)
            .stream()
            .filter((s) -> s.silences(alert.ruleId(), alert.target(), now))
            .map((s) -> SilencesApiController.SilenceResponse.of(s, now))
            .findFirst()
            .orElse(null));
        return "alerting/alert";
    }

    @PostMapping("/alerts/{id}/ack")
    @Transactional
    String acknowledge(@PathVariable long id, @Valid @ModelAttribute("ack") AckForm ack, BindingResult errors,
            @org.springframework.web.bind.annotation.RequestParam(required = false) @Nullable String back,
            Model model) {
        Alert alert = this.alerts.findById(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (alert.state() != AlarmState.ALARM) {
            errors.reject("state", "Only an alert in ALARM can be acknowledged");
        }
        if (errors.hasErrors()) {
            return alert(id, null, null, model);
        }
        this.acknowledgements.acknowledge(alert, Actor.current(null), ack.comment());
        return "redirect:" + back(back, id);
    }

    /**
     * Silences this alert for one of the offered durations: its rule, account, region and function, exactly what the
     * page shows, recorded as the signed-in user. Nothing is typed but an optional reason.
     */
    @PostMapping("/alerts/{id}/silence")
    @Transactional
    String silence(@PathVariable long id,
            @org.springframework.web.bind.annotation.RequestParam(defaultValue = "") String duration,
            @org.springframework.web.bind.annotation.RequestParam(required = false) @Nullable String comment,
            @org.springframework.web.bind.annotation.RequestParam(required = false) @Nullable String back) {
        Alert alert = this.alerts.findById(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        AlertRule rule = this.rules.findById(alert.ruleId()).orElseThrow();
        SilenceDuration length = SilenceDuration.of(duration);
        if (comment != null && comment.length() > 1000) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The reason is at most 1,000 characters.");
        }
        Instant now = this.clock.instant();
        Instant ends = now.plus(length.duration());
        AlertTarget target = alert.target();
        // an alias's, version's or mapping's alert is silenced alone: name:qualifier matches only its own target
        String function = target.function().isEmpty() ? null : target.function();
        try {
            this.policy.check(alert.ruleId(), target.account(), target.region(), function, now, ends, now, false);
        }
        catch (InvalidFieldException ex) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, ex.getMessage());
        }
        String why = (comment == null || comment.isBlank())
                ? "Silenced for " + length.words() + " from the alert " + rule.definition().name()
                        + ((function != null) ? " on " + target.label() : "")
                : comment.trim();
        this.audit.silenceCreated(this.silences.save(new Silence(alert.ruleId(), target.account(), target.region(),
                function, now, ends, Actor.current(null), why, now)));
        return "redirect:" + back(back, id);
    }

    /** Where an action on an alert returns: the list it was made from, or the alert's page; never another site. */
    private static String back(@Nullable String back, long id) {
        boolean ours = back != null && (back.equals("/alerts") || back.startsWith("/alerts?")
                || back.startsWith("/alerts/" + id)) && !back.contains("//") && !back.contains("\\");
        return ours ? back : "/alerts/" + id;
    }

    /** Silences per page when the address names no limit. */
    static final int SILENCES_PAGE = 50;

    /**
     * The silences, latest start first, a page at a time (keyset on start and id), all of them or only those in force;
     * the rule of each by name, and a form that chooses the rule by name.
     */
    @GetMapping("/alerts/silences")
    @Transactional(readOnly = true)
    String silences(@org.springframework.web.bind.annotation.RequestParam(required = false) @Nullable String show,
            @org.springframework.web.bind.annotation.RequestParam(required = false) @Nullable Integer limit,
            @org.springframework.web.bind.annotation.RequestParam(required = false) @Nullable String cursor,
            HttpServletRequest request, Model model) {
        Instant now = this.clock.instant();
        boolean activeOnly = "active".equals(show);
        Instant startsAt = dev.lambdalens.Paging.END_OF_TIME;
        long after = Long.MAX_VALUE;
        boolean paged = cursor != null && !cursor.isBlank();
        int size;
        try {
            size = (limit != null) ? dev.lambdalens.Paging.limit(limit) : SILENCES_PAGE;
            if (paged) {
                List<String> key = dev.lambdalens.Paging.keyOf(cursor, 3);
                startsAt = Instant.ofEpochSecond(dev.lambdalens.Paging.number(key.get(0)),
                        dev.lambdalens.Paging.number(key.get(1)));
                after = dev.lambdalens.Paging.number(key.get(2));
            }
        }
        catch (InvalidFieldException ex) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, ex.getMessage());
        }
        List<Silence> rows = this.silences.page(activeOnly ? now : Instant.EPOCH, startsAt, after,
                org.springframework.data.domain.Limit.of(size + 1));
        List<Silence> page = rows.subList(0, Math.min(size, rows.size()));
        model.addAttribute("silences", page.stream()
            .map((s) -> SilencesApiController.SilenceResponse.of(s, now))
            .toList());
        Silence last = page.isEmpty() ? null : page.get(page.size() - 1);
        model.addAttribute("next", (rows.size() > size && last != null)
                ? org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromCurrentRequest()
                    .replaceQueryParam("cursor", dev.lambdalens.Paging.cursorOf(last.startsAt().getEpochSecond(),
                            last.startsAt().getNano(), last.id()))
                    .build()
                    .toUriString()
                : null);
        model.addAttribute("first", org.springframework.web.servlet.support.ServletUriComponentsBuilder
            .fromCurrentRequest().replaceQueryParam("cursor").build().toUriString());
        model.addAttribute("paged", paged);
        model.addAttribute("activeOnly", activeOnly);
        Map<Long, String> ruleNames = new LinkedHashMap<>();
        this.rules.findByDeletedAtIsNullOrderByIdAsc().forEach((r) -> ruleNames.put(r.id(), r.definition().name()));
        model.addAttribute("ruleNames", ruleNames);
        if (!model.containsAttribute("silence")) {
            // an hour from now, as the reader's clock reads it: the form takes times in their zone
            model.addAttribute("silence", new SilenceForm(null, null, null, null,
                    LocalDateTime.ofInstant(now.plusSeconds(3600), ReaderZone.of(request)).withSecond(0).withNano(0),
                    "", "", null));
        }
        return "alerting/silences";
    }

    @PostMapping("/alerts/silences")
    @Transactional
    String createSilence(@Valid @ModelAttribute("silence") @Nullable SilenceForm bound, BindingResult errors,
            HttpServletRequest request, Model model) {
        SilenceForm form = this.forms.ensure(bound, SilenceForm.class, "silence", errors, request, model);
        if (bound == null) {
            return silences(null, null, null, request, model);
        }
        Instant now = this.clock.instant();
        // typed in the reader's zone, the one every time on the page is shown in (a time a clock change skips
        // reads as the time after the gap, as java.time resolves it)
        Instant ends = (form.endsAt() != null) ? form.endsAt().atZone(ReaderZone.of(request)).toInstant() : null;
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
            return silences(null, null, null, request, model);
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

    /** How long a one-click silence lasts. */
    enum SilenceDuration {
        ONE_HOUR("1h", java.time.Duration.ofHours(1), "1 hour"), FOUR_HOURS("4h", java.time.Duration.ofHours(4),
                "4 hours"), ONE_DAY("1d", java.time.Duration.ofDays(1), "1 day");

        private final String param;

        private final java.time.Duration duration;

        private final String words;

        SilenceDuration(String param, java.time.Duration duration, String words) {
            this.param = param;
            this.duration = duration;
            this.words = words;
        }

        static SilenceDuration of(String param) {
            for (SilenceDuration d : values()) {
                if (d.param.equals(param)) {
                    return d;
                }
            }
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "duration must be 1h, 4h or 1d, not '" + param + "'");
        }

        String param() {
            return this.param;
        }

        java.time.Duration duration() {
            return this.duration;
        }

        String words() {
            return this.words;
        }
    }

    /** Why one acknowledges (who is the signed-in user). */
    record AckForm(@Size(max = 1000) @Nullable String comment) {
    }

    /** A silence as the form takes it (times in the reader's zone). */
    record SilenceForm(@Nullable Long ruleId,
            @Pattern(regexp = "|\\d{12}", message = "must be a 12-digit account id") @Nullable String account,
            @Pattern(regexp = "|[a-z]{2}(-[a-z]+)+-\\d+", message = "must be a region name such as us-east-1")
            @Nullable String region, @Size(max = 200) @Nullable String functionPattern,
            @NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable LocalDateTime endsAt,
            @Size(max = 100) @Nullable String createdBy, @NotBlank @Size(max = 1000) String comment,
            @Nullable Boolean confirmMatchesEverything) {
    }
}
