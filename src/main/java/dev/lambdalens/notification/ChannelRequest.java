package dev.lambdalens.notification;

import dev.lambdalens.alerting.Severity;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * A channel as the API and the form take it.
 */
record ChannelRequest(@NotBlank @Size(max = 200) String name, @Nullable ChannelType type,
        @NotBlank @Size(max = 1000) @Pattern(regexp = "https?://\\S+|mailto:.+@.+|arn:aws[a-z-]*:sns:\\S+",
                message = "must be an http(s) URL, mailto:addresses for an email channel, or a topic ARN for an SNS "
                        + "channel") String url,
        @Size(max = 200) @Nullable String secret, @Nullable Severity minimumSeverity, @Nullable Boolean enabled,
        @Size(max = 64) @Nullable String timeZone) {

    /** Without a time zone: its messages write times in UTC. */
    ChannelRequest(String name, @Nullable ChannelType type, String url, @Nullable String secret,
            @Nullable Severity minimumSeverity, @Nullable Boolean enabled) {
        this(name, type, url, secret, minimumSeverity, enabled, null);
    }
}
