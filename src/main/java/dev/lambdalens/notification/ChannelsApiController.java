package dev.lambdalens.notification;

import java.net.URI;
import java.util.List;
import java.util.Map;

import dev.lambdalens.alerting.Severity;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
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

    private final ChannelCatalog catalog;

    private final ChannelRepository channels;

    ChannelsApiController(ChannelCatalog catalog, ChannelRepository channels) {
        this.catalog = catalog;
        this.channels = channels;
    }

    @GetMapping
    List<ChannelResponse> channels() {
        return this.catalog.channels().stream().map(ChannelResponse::of).toList();
    }

    @PostMapping
    ResponseEntity<ChannelResponse> create(@Valid @RequestBody ChannelRequest request) {
        Channel channel = this.catalog.create(request);
        return ResponseEntity.created(URI.create("/api/v1/channels/" + channel.id())).body(ChannelResponse.of(channel));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        if (!this.catalog.delete(id)) {
            throw notFound(id);
        }
        return ResponseEntity.noContent().build();
    }

    /** Sends one test notification now, outside the outbox, and says how the receiver answered. */
    @PostMapping("/{id}/test")
    Map<String, Object> test(@PathVariable long id) {
        return this.catalog.test(this.channels.findById(id).orElseThrow(() -> notFound(id)));
    }

    private static ErrorResponseException notFound(long id) {
        return new ErrorResponseException(HttpStatus.NOT_FOUND,
                ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No channel " + id), null);
    }

    /**
     * A channel as the API, the pages and the audit log show it: whether it has a secret, never the secret, and the
     * URL of a webhook (whose path, user info and query may each be its credential) masked to its scheme, host and
     * at most the last four characters of its path.
     */
    record ChannelResponse(long id, String name, ChannelType type, String url, boolean signed, Severity minimumSeverity,
            boolean enabled, java.time.@org.jspecify.annotations.Nullable Instant failingSince,
            @org.jspecify.annotations.Nullable String failingReason,
            @org.jspecify.annotations.Nullable String provisionedFrom, String timeZone) {

        static ChannelResponse of(Channel c) {
            return new ChannelResponse(c.id(), c.name(), c.type(), mask(c.type(), c.url()), c.secret() != null,
                    c.minimumSeverity(), c.enabled(), c.failingSince(), c.failingReason(), c.provisionedFrom(),
                    c.zone().getId());
        }

        static String mask(ChannelType type, String url) {
            if (type == ChannelType.EMAIL || type == ChannelType.SNS) {
                return url;
            }
            java.net.URI uri;
            try {
                uri = new java.net.URI(url);
            }
            catch (java.net.URISyntaxException ex) {
                return "(not a valid URL)";
            }
            String path = (uri.getRawPath() != null) ? uri.getRawPath() : "";
            // a short path would be shown nearly whole: show none of it
            String tail = (path.length() > 8) ? path.substring(path.length() - 4) : "";
            return uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() != -1) ? ":" + uri.getPort() : "") + "/…"
                    + tail;
        }
    }
}
