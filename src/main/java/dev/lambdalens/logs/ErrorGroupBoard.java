package dev.lambdalens.logs;

import java.util.List;

import org.springframework.stereotype.Service;

/** The error groups other modules show (the function page, rules): read-only. */
@Service
public class ErrorGroupBoard {

    private final ErrorGroups groups;

    ErrorGroupBoard(ErrorGroups groups) {
        this.groups = groups;
    }

    /** One function's groups, most recently seen first. */
    public List<ErrorGroup> ofFunction(String account, String region, String function, int limit) {
        return this.groups.groups(account, region, function, limit);
    }

    /** Every group, most recently seen first. */
    public List<ErrorGroup> all(int limit) {
        return this.groups.groups(null, null, null, limit);
    }

    /** Occurrences of a group in [fromEpochSecond, toEpochSecond). */
    public long occurrences(long groupId, long fromEpochSecond, long toEpochSecond) {
        return this.groups.counts(groupId, fromEpochSecond, toEpochSecond, Math.max(60, toEpochSecond - fromEpochSecond))
            .values()
            .stream()
            .mapToLong(Long::longValue)
            .sum();
    }
}
