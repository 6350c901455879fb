package dev.lambdalens.alerting;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.lambdalens.InvalidFieldException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/silences}: create a silence (matchers and an end time), list them, and end one early.
 */
@RestController
@RequestMapping("/api/v1/silences")
class SilencesApiController {

    private final AlertingAudit audit;

    private final SilenceRepository silences;

    private final AlertRuleRepository rules;

    private final Clock clock;

    private final SilencePolicy policy;

    SilencesApiController(SilenceRepository silences, AlertRuleRepository rules, Clock clock, AlertingAudit audit,
            SilencePolicy policy) {
        this.policy = policy;
        this.audit = audit;
        this.silences = silences;
        this.rules = rules;
        this.clock = clock;
    }

    @GetMapping
    @Transactional(readOnly = true)
    @io.swagger.v3.oas.annotations.Operation(summary = "Silences in pages, latest start first",
            description = "active=true leaves out the silences that have ended. At most limit (default 100, up to "
                    + "1,000) per page; the next page is linked in the Link header (rel=\"next\").")
    org.springframework.http.ResponseEntity<List<SilenceResponse>> silences(
            @RequestParam(required = false) @Nullable Boolean active,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        Instant now = this.clock.instant();
        int size = dev.lambdalens.Paging.limit(limit);
        Instant startsAt = dev.lambdalens.Paging.END_OF_TIME;
        long after = Long.MAX_VALUE;
        if (cursor != null) {
            List<String> key = dev.lambdalens.Paging.keyOf(cursor, 3);
            startsAt = Instant.ofEpochSecond(dev.lambdalens.Paging.number(key.get(0)),
                    dev.lambdalens.Paging.number(key.get(1)));
            after = dev.lambdalens.Paging.number(key.get(2));
        }
        List<Silence> rows = this.silences.page(Boolean.TRUE.equals(active) ? now : Instant.EPOCH, startsAt, after,
                org.springframework.data.domain.Limit.of(size + 1));
        return dev.lambdalens.Paging.page(rows, size, (s) -> dev.lambdalens.Paging.cursorOf(s.startsAt()
            .getEpochSecond(), s.startsAt().getNano(), s.id()), (s) -> SilenceResponse.of(s, now));
    }

    @PostMapping
    @Transactional
    ResponseEntity<SilenceResponse> create(@Valid @RequestBody SilenceRequest request) {
        Instant now = this.clock.instant();
        Instant starts = (request.startsAt() != null) ? request.startsAt() : now;
        if (!request.endsAt().isAfter(starts) || !request.endsAt().isAfter(now)) {
            throw invalid("endsAt", "must be after startsAt and in the future");
        }
        if (request.ruleId() != null && !this.rules.existsById(request.ruleId())) {
            throw invalid("ruleId", "no alert rule " + request.ruleId());
        }
        this.policy.check(request.ruleId(), request.account(), request.region(), request.functionPattern(), starts,
                request.endsAt(), now, request.confirmMatchesEverything());
        Silence silence = this.silences.save(new Silence(request.ruleId(), blank(request.account()),
                blank(request.region()), blank(request.functionPattern()), starts, request.endsAt(), Actor.current(request.createdBy()),
                request.comment(), now));
        this.audit.silenceCreated(silence);
        return ResponseEntity.created(URI.create("/api/v1/silences/" + silence.id())).body(SilenceResponse.of(silence, now));
    }

    /** Ends the silence now; it stays in the list as history. */
    @DeleteMapping("/{id}")
    @Transactional
    SilenceResponse expire(@PathVariable long id) {
        Silence silence = this.silences.findById(id)
            .orElseThrow(() -> new ErrorResponseException(HttpStatus.NOT_FOUND,
                    ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No silence " + id), null));
        silence.checkEditable();
        Instant now = this.clock.instant();
        SilenceResponse before = SilenceResponse.of(silence, now);
        silence.expire(now);
        this.audit.silenceEnded(before, silence);
        return SilenceResponse.of(silence, now);
    }

    private static InvalidFieldException invalid(String field, String message) {
        return new InvalidFieldException(field, message);
    }

    private static @Nullable String blank(@Nullable String value) {
        return (value == null || value.isBlank()) ? null : value.trim();
    }

    /** A silence as the API takes it; a matcher left out matches anything. */
    record SilenceRequest(@Nullable Long ruleId,
            @Pattern(regexp = "\\d{12}", message = "must be a 12-digit account id") @Nullable String account,
            @Pattern(regexp = "[a-z]{2}(-[a-z]+)+-\\d+", message = "must be a region name such as us-east-1")
            @Nullable String region, @Size(max = 200) @Nullable String functionPattern, @Nullable Instant startsAt,
            @NotNull Instant endsAt, @Size(max = 100) @Nullable String createdBy,
            @NotBlank @Size(max = 1000) String comment, @Nullable Boolean confirmMatchesEverything) {
    }

    /** A silence as the API answers it. */
    record SilenceResponse(long id, @Nullable Long ruleId, @Nullable String account, @Nullable String region,
            @Nullable String functionPattern, Instant startsAt, Instant endsAt, String createdBy, String comment,
            boolean active, @Nullable String provisionedFrom) {

        static SilenceResponse of(Silence s, Instant now) {
            return new SilenceResponse(s.id(), s.ruleId(), s.account(), s.region(), s.functionPattern(), s.startsAt(),
                    s.endsAt(), s.createdBy(), s.comment(), !now.isBefore(s.startsAt()) && now.isBefore(s.endsAt()),
                    s.provisionedFrom());
        }
    }
}
