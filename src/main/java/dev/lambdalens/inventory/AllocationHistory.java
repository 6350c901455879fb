package dev.lambdalens.inventory;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps how much provisioned concurrency each alias or version had allocated, and since when: the bill charges the
 * allocation by the second, used or not, and CloudWatch has no metric of it ({@code ProvisionedConcurrentExecutions}
 * counts the environments in use). Each discovery that reads a function's provisioned concurrency configurations
 * closes the stretch whose allocation or memory changed and opens the next one.
 */
@Component
class AllocationHistory {

    private final JdbcClient jdbc;

    AllocationHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Brings the stored allocations of one function in line with what discovery read at {@code readAt}. A change
     * starts at the configuration's {@code LastModified} where that is newer than the stretch it ends (the request
     * that changed it), else at {@code readAt}; an allocation no longer listed ends at {@code readAt}.
     */
    void record(String account, String region, String function, int functionMemoryMb, InvocationSetup setup,
            Instant readAt) {
        Map<String, Open> open = new HashMap<>();
        this.jdbc.sql("select id, qualifier, allocated, memory_mb, valid_from from provisioned_allocation "
                + "where account_id = ? and region = ? and function_name = ? and valid_to is null")
            .params(account, region, function)
            .query((rs) -> {
                open.put(rs.getString("qualifier"), new Open(rs.getLong("id"), rs.getInt("allocated"),
                        rs.getInt("memory_mb"), rs.getObject("valid_from", OffsetDateTime.class).toInstant()));
            });
        Set<String> listed = new HashSet<>();
        for (ProvisionedConcurrency pc : setup.provisioned()) {
            if (pc.allocated() <= 0) {
                continue; // nothing allocated yet (or any more): nothing billed
            }
            listed.add(pc.qualifier());
            int memory = memoryOf(pc.qualifier(), setup, functionMemoryMb);
            Open current = open.get(pc.qualifier());
            if (current != null && current.allocated() == pc.allocated() && current.memoryMb() == memory) {
                continue;
            }
            Instant since = readAt;
            Instant modified = pc.lastModified();
            if (modified != null && !modified.isAfter(readAt) && (current == null || modified.isAfter(current.from()))) {
                since = modified;
            }
            if (current != null) {
                close(current.id(), since);
            }
            this.jdbc.sql("insert into provisioned_allocation (account_id, region, function_name, qualifier, "
                    + "allocated, memory_mb, valid_from) values (?, ?, ?, ?, ?, ?, ?)")
                .params(account, region, function, pc.qualifier(), pc.allocated(), memory, utc(since))
                .update();
        }
        open.forEach((qualifier, stretch) -> {
            if (!listed.contains(qualifier)) {
                close(stretch.id(), readAt);
            }
        });
    }

    /** Ends every allocation of a function that is gone. */
    void end(String account, String region, String function, Instant at) {
        this.jdbc.sql("update provisioned_allocation set valid_to = ? where account_id = ? and region = ? "
                + "and function_name = ? and valid_to is null")
            .params(utc(at), account, region, function)
            .update();
    }

    /** Every allocation that lasted during some of [from, to). */
    List<ProvisionedAllocation> during(Instant from, Instant to) {
        return this.jdbc.sql("select * from provisioned_allocation where valid_from < ? and (valid_to is null or "
                + "valid_to > ?) order by account_id, region, function_name, qualifier, valid_from")
            .params(utc(to), utc(from))
            .query((rs, n) -> {
                OffsetDateTime end = rs.getObject("valid_to", OffsetDateTime.class);
                return new ProvisionedAllocation(rs.getString("account_id"), rs.getString("region"),
                        rs.getString("function_name"), rs.getString("qualifier"), rs.getInt("allocated"),
                        rs.getInt("memory_mb"), rs.getObject("valid_from", OffsetDateTime.class).toInstant(),
                        (end != null) ? end.toInstant() : null);
            })
            .list();
    }

    private void close(long id, Instant at) {
        this.jdbc.sql("update provisioned_allocation set valid_to = ? where id = ?").params(utc(at), id).update();
    }

    /**
     * The memory the environments run with: the version's (an alias's version), as published; the function's where
     * the version is not among those read.
     */
    static int memoryOf(String qualifier, InvocationSetup setup, int functionMemoryMb) {
        String version = setup.aliases()
            .stream()
            .filter((a) -> a.name().equals(qualifier))
            .map(FunctionAlias::version)
            .findFirst()
            .orElse(qualifier);
        return setup.versions()
            .stream()
            .filter((v) -> v.version().equals(version) && v.memoryMb() > 0)
            .map(PublishedVersion::memoryMb)
            .findFirst()
            .orElse(functionMemoryMb);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private record Open(long id, int allocated, int memoryMb, Instant from) {
    }
}
