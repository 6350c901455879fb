package dev.lambdalens.notification;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.lambdalens.ReaderZone;
import dev.lambdalens.alerting.AlertTarget;

import org.jspecify.annotations.Nullable;

/**
 * How one kind of channel wants a notification written. The outbox stores the event once, in LambdaLens's own
 * webhook form (a rule, and the alerts of it that changed together); a format turns it into the channel's body
 * when it is sent.
 */
interface NotificationFormat {

    /** How many alerts a message names one by one before it says "and N more". */
    int LISTED = 40;

    /** A time of day, as the values of an alert are listed. */
    DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    /** A date and time with its zone's short name (CET, JST, UTC). */
    DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss zzz", Locale.ENGLISH);

    ChannelType type();

    /** The request body for this channel, or {@code null} when this event needs no message on this channel. */
    @Nullable Object body(Map<String, Object> event, Channel channel);

    /** Where this channel's requests go: the channel's url, unless the format knows better. */
    default String target(Channel channel) {
        return channel.url();
    }

    /** Whether this channel's requests carry LambdaLens's HMAC signature header. */
    default boolean signed() {
        return false;
    }

    static String title(Map<String, Object> event) {
        String prefix = switch (String.valueOf(event.get("status"))) {
            case "firing" -> Boolean.TRUE.equals(event.get("reminder")) ? "STILL FIRING: " : "FIRING: ";
            case "resolved" -> "RESOLVED: ";
            default -> "TEST: ";
        };
        int count = alerts(event).size();
        return prefix + event.get("rule") + ((count > 1) ? " · " + count + " alerts" : "");
    }

    /** What the event is about, in one line. */
    static String target(Map<String, Object> event) {
        List<Map<String, Object>> alerts = alerts(event);
        if (alerts.size() == 1) {
            return describe(alerts.get(0));
        }
        String names = alerts.stream()
            .limit(3)
            .map(NotificationFormat::shortName)
            .collect(Collectors.joining(", "));
        return alerts.isEmpty() ? "" : alerts.size() + " targets: " + names
                + ((alerts.size() > 3) ? " and " + (alerts.size() - 3) + " more" : "");
    }

    /** One line per alert, at most {@link #LISTED}. */
    static List<String> lines(Map<String, Object> event) {
        List<Map<String, Object>> alerts = alerts(event);
        List<String> lines = new java.util.ArrayList<>(alerts.stream()
            .limit(LISTED)
            .map((alert) -> line(alert, ReaderZone.UTC))
            .toList());
        if (alerts.size() > LISTED) {
            lines.add("and " + (alerts.size() - LISTED) + " more");
        }
        return lines;
    }

    /** One alert: what, the change, and the values that decided it with their times in {@code zone}. */
    static String line(Map<String, Object> alert, ZoneId zone) {
        String values = values(alert, zone);
        return describe(alert) + ": " + alert.get("from") + " → " + alert.get("to")
                + (values.isEmpty() ? "" : " (" + values + ")");
    }

    /** The decisive values, newest last, as {@code 12:35 7, 12:36 –}, their times in {@code zone}. */
    static String values(Map<String, Object> alert, ZoneId zone) {
        Object values = alert.get("values");
        if (!(values instanceof List<?> list) || list.isEmpty()) {
            return "";
        }
        return list.stream().map((v) -> {
            List<?> pair = (List<?>) v;
            String at = String.valueOf(pair.get(0));
            String time;
            try {
                time = CLOCK_TIME.format(Instant.parse(at).atZone(zone));
            }
            catch (DateTimeParseException ex) {
                time = (at.length() >= 16) ? at.substring(11, 16) : at;
            }
            Object value = pair.get(1);
            return time + " " + ((value instanceof Number n) ? dev.lambdalens.alerting.ConditionWords.number(
                    n.doubleValue()) : "–");
        }).collect(Collectors.joining(", "));
    }

    /**
     * When the event happened, for people: {@code 2026-11-28 12:35:00 UTC}, or in a channel's zone with UTC beside
     * it, {@code 2026-11-28 13:35:00 CET (12:35 UTC)}, so that teams in two zones read one time.
     */
    static String at(Map<String, Object> event, ZoneId zone) {
        String at = String.valueOf(event.get("at"));
        Instant instant;
        try {
            instant = Instant.parse(at);
        }
        catch (DateTimeParseException ex) {
            return at;
        }
        String local = DATE_TIME.format(instant.atZone(zone));
        return zone.equals(ReaderZone.UTC) ? local : local + " (" + CLOCK_TIME.format(instant.atZone(ReaderZone.UTC))
                + " UTC)";
    }

    static String describe(Map<String, Object> alert) {
        String function = label(alert);
        return (function.isEmpty() ? "account " + alert.get("account") : function + " (account " + alert.get("account")
                + ")") + " in " + alert.get("region");
    }

    private static String shortName(Map<String, Object> alert) {
        String function = label(alert);
        return (function.isEmpty() ? String.valueOf(alert.get("account")) : function) + "@" + alert.get("region");
    }

    /** The alert's function with its alias, version or mapping in words ("checkout-api · alias live"). */
    private static String label(Map<String, Object> alert) {
        String function = String.valueOf(alert.getOrDefault("function", ""));
        Object qualifier = alert.get("qualifier");
        return AlertTarget.label(function, (qualifier != null) ? qualifier.toString() : null);
    }

    /** The alert's target as alerting names it: {@code function}, or {@code function:qualifier}. */
    static String alertTarget(Map<?, ?> alert) {
        Object function = alert.get("function");
        Object qualifier = alert.get("qualifier");
        return (qualifier != null) ? function + ":" + qualifier : String.valueOf(function);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> alerts(Map<String, Object> event) {
        Object alerts = event.get("alerts");
        return (alerts instanceof List<?> list) ? (List<Map<String, Object>>) list : List.of();
    }
}
