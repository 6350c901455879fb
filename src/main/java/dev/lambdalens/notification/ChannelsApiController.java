package dev.lambdalens.notification;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.lambdalens.alerting.Severity;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
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
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/channels}: where notifications go, and a test notification per channel. Secrets are write-only.
 */
@RestController
@RequestMapping("/api/v1/channels")
class ChannelsApiController {

    private final ChannelRepository channels;

    private final ChannelSender sender;

    private final EmailSender email;

    private final Clock clock;

    ChannelsApiController(ChannelRepository channels, ChannelSender sender, EmailSender email, Clock clock) {
        this.channels = channels;
        this.email = email;
        this.sender = sender;
        this.clock = clock;
    }

    @GetMapping
    @Transactional(readOnly = true)
    List<ChannelResponse> channels() {
        return this.channels.findAll().stream().map(ChannelResponse::of).toList();
    }

    @PostMapping
    @Transactional
    ResponseEntity<ChannelResponse> create(@Valid @RequestBody ChannelRequest request) {
        if (request.type() == ChannelType.PAGERDUTY && (request.secret() == null || request.secret().isBlank())) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "secret: a PagerDuty channel needs its integration's routing key as secret");
            problem.setProperty("errors", List.of(Map.of("field", "secret", "message",
                    "a PagerDuty channel needs its integration's routing key")));
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
        }
        ChannelType type = (request.type() != null) ? request.type() : ChannelType.WEBHOOK;
        if ((type == ChannelType.EMAIL) != request.url().startsWith("mailto:")) {
            throw invalid("url", (type == ChannelType.EMAIL) ? "an email channel's url is mailto:address[,address...]"
                    : "a " + type + " channel's url is an http(s) URL");
        }
        if ((type == ChannelType.SNS) != SnsSender.TOPIC_ARN.matcher(request.url()).matches()
                && (type == ChannelType.SNS || request.url().startsWith("arn:"))) {
            throw invalid("url", "an SNS channel's url is a topic ARN such as arn:aws:sns:us-east-1:123456789012:oncall");
        }
        if (type == ChannelType.EMAIL && !this.email.configured()) {
            throw invalid("type", "email channels need an SMTP server: set spring.mail.host");
        }
        Channel channel = this.channels.save(new Channel(request.name(),
                (request.type() != null) ? request.type() : ChannelType.WEBHOOK, request.url(),
                (request.secret() != null && !request.secret().isBlank()) ? request.secret() : null,
                (request.minimumSeverity() != null) ? request.minimumSeverity() : Severity.WARNING,
                request.enabled() == null || request.enabled(), this.clock.instant()));
        return ResponseEntity.created(URI.create("/api/v1/channels/" + channel.id())).body(ChannelResponse.of(channel));
    }

    @DeleteMapping("/{id}")
    @Transactional
    ResponseEntity<Void> delete(@PathVariable long id) {
        this.channels.delete(find(id));
        return ResponseEntity.noContent().build();
    }

    /** Sends one test notification now, outside the outbox, and says how the receiver answered. */
    @PostMapping("/{id}/test")
    Map<String, Object> test(@PathVariable long id) {
        Channel channel = find(id);
        Instant now = this.clock.instant();
        String key = "lambdalens-test-" + now.toEpochMilli();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("idempotencyKey", key);
        body.put("status", "test");
        body.put("rule", "Test notification from LambdaLens");
        body.put("severity", "INFO");
        body.put("count", 0);
        body.put("alerts", List.of());
        body.put("at", now.toString());
        Map<String, Object> result = new LinkedHashMap<>();
        try {
            int status = this.sender.send(channel, key, body);
            result.put("delivered", status >= 200 && status < 300);
            result.put("httpStatus", status);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            result.put("delivered", false);
            result.put("error", "interrupted");
        }
        catch (Exception ex) {
            result.put("delivered", false);
            result.put("error", ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? ": " + ex.getMessage() : ""));
        }
        return result;
    }

    private static ErrorResponseException invalid(String field, String message) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field + ": " + message);
        problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }

    private Channel find(long id) {
        return this.channels.findById(id)
            .orElseThrow(() -> new ErrorResponseException(HttpStatus.NOT_FOUND,
                    ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No channel " + id), null));
    }

    /** A channel as the API takes it. */
    record ChannelRequest(@NotBlank @Size(max = 200) String name, @Nullable ChannelType type,
            @NotBlank @Size(max = 1000) @Pattern(regexp = "https?://\\S+|mailto:.+@.+|arn:aws[a-z-]*:sns:\\S+", message = "must be an http(s) URL, "
                    + "mailto:addresses for an email channel, or a topic ARN for an SNS channel") String url,
            @Size(max = 200) @Nullable String secret, @Nullable Severity minimumSeverity, @Nullable Boolean enabled) {
    }

    /** A channel as the API answers it: whether it has a secret, never the secret. */
    record ChannelResponse(long id, String name, ChannelType type, String url, boolean signed, Severity minimumSeverity,
            boolean enabled) {

        static ChannelResponse of(Channel c) {
            return new ChannelResponse(c.id(), c.name(), c.type(), c.url(), c.secret() != null, c.minimumSeverity(),
                    c.enabled());
        }
    }
}
