package dev.lambdalens.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/series}: one stored series over a range, at a step chosen from the range unless given.
 */
@RestController
@RequestMapping("/api/v1/series")
class SeriesApiController {

    private static final Duration DEFAULT_RANGE = Duration.ofHours(1);

    private final SeriesQueries queries;

    private final Clock clock;

    private final RetentionProperties retention;

    SeriesApiController(SeriesQueries queries, Clock clock, RetentionProperties retention) {
        this.queries = queries;
        this.clock = clock;
        this.retention = retention;
    }

    @GetMapping
    @Operation(summary = "One series", description = "Points are [epochSeconds, value] at the step; a step without "
            + "data is absent, never zero-filled. Without a step, the finest round step giving at most 1,440 points. "
            + "from is rounded down to the step, as CloudWatch rounds StartTime.")
    SeriesResponse series(@Parameter(description = "CloudWatch metric name, e.g. Invocations") @RequestParam String metric,
            @Parameter(description = "Sum, Maximum, Average or p99; defaults to the metric's headline statistic")
            @RequestParam(required = false) @Nullable String statistic,
            @RequestParam String region,
            @Parameter(description = "function name; omitted means the account level") @RequestParam(required = false)
            @Nullable String function,
            @Parameter(description = "12-digit account id; needed only where several accounts match")
            @RequestParam(required = false) @Nullable String account,
            @Parameter(description = "ISO-8601 start (inclusive); default: an hour before to")
            @RequestParam(required = false) @Nullable String from,
            @Parameter(description = "ISO-8601 end (exclusive); default: now") @RequestParam(required = false)
            @Nullable String to,
            @Parameter(description = "seconds per point, a multiple of 60") @RequestParam(required = false)
            @Nullable Long step) {
        Instant end = (to != null) ? Instants.parse("to", to) : this.clock.instant();
        Instant start = (from != null) ? Instants.parse("from", from) : end.minus(DEFAULT_RANGE);
        if (!start.isBefore(end)) {
            throw new InvalidParameterException("from", "from (" + start + ") must be before to (" + end + ")");
        }
        long stepSeconds = step(step, start, end);
        SeriesKey key = key(metric, statistic, region, function, account);
        if (!this.queries.exists(key)) {
            throw notFound(key);
        }
        return SeriesResponse.of(this.queries.read(key, start, end, stepSeconds));
    }

    /** The most series one batch answers. */
    static final int MAX_BATCH = 100;

    @GetMapping("/batch")
    @Operation(summary = "Several series in one answer", description = "The series named by each line parameter "
            + "(account,region,function,metric,statistic; function empty at the account level, statistic empty for "
            + "the metric's headline one), over one range at one step, in the order asked: one request for a page's "
            + "charts instead of one per line. A series not stored is null; a line that cannot be read is a 400 "
            + "naming it.")
    BatchResponse batch(@Parameter(description = "account,region,function,metric,statistic; repeated, at most 100")
            @RequestParam(name = "line") List<String> asBound,
            @RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable Long step, jakarta.servlet.http.HttpServletRequest request) {
        // the values as sent: Spring splits a single comma-separated value into a list of its parts
        String[] sent = request.getParameterValues("line");
        List<String> lines = (sent != null) ? List.of(sent) : asBound;
        if (lines.isEmpty() || lines.size() > MAX_BATCH) {
            throw new InvalidParameterException("line", "give 1 to " + MAX_BATCH + " line parameters, not "
                    + lines.size());
        }
        Instant end = (to != null) ? Instants.parse("to", to) : this.clock.instant();
        Instant start = (from != null) ? Instants.parse("from", from) : end.minus(DEFAULT_RANGE);
        if (!start.isBefore(end)) {
            throw new InvalidParameterException("from", "from (" + start + ") must be before to (" + end + ")");
        }
        long stepSeconds = step(step, start, end);
        List<@Nullable SeriesResponse> answers = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String[] parts = lines.get(i).split(",", -1);
            if (parts.length != 5 || parts[1].isBlank() || parts[3].isBlank()) {
                throw new InvalidParameterException("line", "line " + (i + 1) + " ('" + lines.get(i) + "') must be "
                        + "account,region,function,metric,statistic (function and statistic may be empty)");
            }
            SeriesKey key;
            try {
                key = key(parts[3], parts[4], parts[1], parts[2], parts[0]);
            }
            catch (InvalidParameterException ex) {
                throw new InvalidParameterException("line", "line " + (i + 1) + " ('" + lines.get(i) + "'): "
                        + ex.getBody().getDetail());
            }
            catch (ErrorResponseException ex) {
                answers.add(null); // no account has this series
                continue;
            }
            answers.add(this.queries.exists(key) ? SeriesResponse.of(this.queries.read(key, start, end, stepSeconds))
                    : null);
        }
        return new BatchResponse(answers);
    }

    /** The answer of {@code GET /api/v1/series/batch}: one entry per line asked, null where nothing is stored. */
    record BatchResponse(List<@Nullable SeriesResponse> series) {
    }

    private SeriesKey key(String metric, @Nullable String statistic, String region, @Nullable String function,
            @Nullable String account) {
        LambdaMetric lambdaMetric = LambdaMetric.fromMetricName(metric)
            .orElseThrow(() -> new InvalidParameterException("metric", "metric '" + metric + "' is not one of "
                    + Arrays.stream(LambdaMetric.values()).map(LambdaMetric::metricName).collect(Collectors.joining(", "))));
        Statistic stat = statistic(lambdaMetric, statistic);
        String functionName = (function == null || function.isBlank()) ? null : function;
        checkScope(lambdaMetric, functionName);
        String accountId = account(account, region, functionName, lambdaMetric);
        return new SeriesKey(accountId, region, functionName, lambdaMetric, stat);
    }

    private static Statistic statistic(LambdaMetric metric, @Nullable String requested) {
        if (requested == null || requested.isBlank()) {
            return metric.statistics().get(0);
        }
        return Statistic.fromWireName(requested)
            .filter(metric.statistics()::contains)
            .orElseThrow(() -> new InvalidParameterException("statistic", "statistic '" + requested
                    + "' is not collected for " + metric.metricName() + " (collected: " + metric.statistics()
                        .stream()
                        .map(Statistic::wireName)
                        .collect(Collectors.joining(", ")) + ")"));
    }

    private static void checkScope(LambdaMetric metric, @Nullable String function) {
        if (function == null && !metric.scope().perAccount()) {
            throw new InvalidParameterException("function",
                    metric.metricName() + " is collected per function only: give a function");
        }
        if (function != null && !metric.scope().perFunction()) {
            throw new InvalidParameterException("function",
                    metric.metricName() + " is an account-level metric: leave function out");
        }
        if (function != null && metric.qualified() != (function.indexOf(':') > 0)) {
            throw new InvalidParameterException("function", metric.qualified()
                    ? metric.metricName() + " is kept per alias, version or event source mapping: give function "
                            + "as name:qualifier (name:alias, name:version or name:mapping-uuid)"
                    : metric.metricName() + " is kept per function: give the function name without a qualifier");
        }
    }

    /**
     * The step asked for, or chosen from the range; refused with the limit named where it reaches past what is kept,
     * rather than answered with the part that is: minutes for 1-minute-based steps, rollups for hourly ones.
     */
    private long step(@Nullable Long requested, Instant start, Instant end) {
        Duration range = Duration.between(start, end);
        Instant now = this.clock.instant();
        Instant minutesKept = now.minus(this.retention.raw());
        Instant rollupsKept = now.minus(this.retention.rollups());
        if (start.isBefore(rollupsKept)) {
            throw new InvalidParameterException("from", "from (" + start + ") is before " + rollupsKept
                    + ": hourly rollups are kept for " + days(this.retention.rollups())
                    + " (lambdalens.retention.rollups), nothing older is stored");
        }
        boolean pastMinutes = start.isBefore(minutesKept);
        if (requested == null) {
            return Steps.stepFor(range, Steps.DEFAULT_MAX_POINTS, range.compareTo(Steps.HOURLY_BEYOND) > 0 || pastMinutes);
        }
        if (pastMinutes && requested % SeriesQueries.HOUR != 0) {
            throw new InvalidParameterException("step", "step " + requested + " needs 1-minute samples, which are kept "
                    + "for " + days(this.retention.raw()) + " (lambdalens.retention.raw), but from (" + start
                    + ") is before " + minutesKept + ": use a step that is a multiple of 3600 (read from the hourly "
                    + "rollups) or a from after " + minutesKept);
        }
        if (requested < Steps.NATIVE_SECONDS || requested % Steps.NATIVE_SECONDS != 0) {
            throw new InvalidParameterException("step", "step " + requested
                    + " must be a positive multiple of 60 seconds (samples are stored per minute)");
        }
        if (Steps.ceilDiv(range.toSeconds(), requested) > Steps.MAX_POINTS) {
            throw new InvalidParameterException("step", "step " + requested + " gives more than " + Steps.MAX_POINTS
                    + " points over this range: choose a larger step or a shorter range");
        }
        return requested;
    }

    private static String days(Duration duration) {
        return (duration.toHours() % 24 == 0) ? duration.toDays() + " days" : duration.toHours() + " hours";
    }

    private String account(@Nullable String requested, String region, @Nullable String function, LambdaMetric metric) {
        if (requested != null && !requested.isBlank()) {
            return requested;
        }
        List<String> accounts = this.queries.accountsWith(region, (function != null) ? function : "", metric);
        if (accounts.size() > 1) {
            throw new InvalidParameterException("account",
                    "several accounts match in " + region + " (" + String.join(", ", accounts) + "): give an account");
        }
        if (accounts.isEmpty()) {
            throw new ErrorResponseException(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                    "No " + metric.metricName() + " series is stored for "
                            + ((function != null) ? "function " + function : "the account level") + " in " + region),
                    null);
        }
        return accounts.get(0);
    }

    private static ErrorResponseException notFound(SeriesKey key) {
        String subject = key.accountLevel() ? "the account level" : "function " + key.functionName();
        return new ErrorResponseException(HttpStatus.NOT_FOUND,
                ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No " + key.metric().metricName() + " "
                        + key.statistic().wireName() + " series is stored for " + subject + " in account "
                        + key.account() + ", " + key.region()),
                null);
    }
}
