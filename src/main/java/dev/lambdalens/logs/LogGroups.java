package dev.lambdalens.logs;

import java.util.List;
import java.util.Optional;

import dev.lambdalens.inventory.FunctionSummary;
import dev.lambdalens.inventory.Inventory;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Maps a log group to the function writing it: {@code /aws/lambda/<name>}, or a log group configured for a function
 * ({@code lambdalens.logs.log-groups}), in the account that owns the log group.
 */
@Component
class LogGroups {

    static final String PREFIX = "/aws/lambda/";

    private final Inventory inventory;

    private final LogsProperties properties;

    LogGroups(Inventory inventory, LogsProperties properties) {
        this.inventory = inventory;
        this.properties = properties;
    }

    /**
     * The one known function of that log group, or empty where none (or, without a region, several) match.
     * @param region the delivery's region where it names one; otherwise any region of the account
     */
    Optional<FunctionSummary> function(String account, String logGroup, @Nullable String region) {
        String name = this.properties.logGroups().get(logGroup);
        if (name == null && logGroup.startsWith(PREFIX) && logGroup.length() > PREFIX.length()) {
            name = logGroup.substring(PREFIX.length());
        }
        if (name == null) {
            return Optional.empty();
        }
        String n = name;
        List<FunctionSummary> matches = this.inventory.functions()
            .stream()
            .filter((f) -> f.account().equals(account) && f.name().equals(n)
                    && (region == null || f.region().equals(region)))
            .toList();
        return (matches.size() == 1) ? Optional.of(matches.get(0)) : Optional.empty();
    }

    /** The log group a function writes to: a configured one, or Lambda's default. */
    String logGroupOf(String function) {
        return this.properties.logGroups()
            .entrySet()
            .stream()
            .filter((e) -> e.getValue().equals(function))
            .map(java.util.Map.Entry::getKey)
            .findFirst()
            .orElse(PREFIX + function);
    }
}
