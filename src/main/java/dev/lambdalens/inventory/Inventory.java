package dev.lambdalens.inventory;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The monitored functions and account limits: reconciled from each discovery, read by every other module.
 */
@Service
public class Inventory {

    private final LambdaFunctionRepository functions;

    private final AccountLimitsRepository limits;

    private final TriggerStore triggers;

    private final FunctionsSnapshot snapshot;

    private final AllocationHistory allocations;

    Inventory(LambdaFunctionRepository functions, AccountLimitsRepository limits, TriggerStore triggers,
            FunctionsSnapshot snapshot, AllocationHistory allocations) {
        this.functions = functions;
        this.limits = limits;
        this.triggers = triggers;
        this.snapshot = snapshot;
        this.allocations = allocations;
    }

    /**
     * Bring one account and region in line with what its source reported: new functions are added, known ones
     * updated, and functions no longer reported are marked {@link FunctionState#GONE} (their history stays).
     * @param account the account discovered
     * @param region the region discovered
     * @param discovered every function the source reported there
     * @param accountLimits the account limits reported there
     * @param seenAt when discovery ran
     */
    @Transactional
    public void reconcile(String account, String region, Collection<DiscoveredFunction> discovered,
            AccountLimits accountLimits, Instant seenAt) {
        reconcile(account, region, discovered, null, accountLimits, seenAt);
    }

    /**
     * As {@link #reconcile(String, String, Collection, AccountLimits, Instant)}, with the event source mappings of the
     * account and region ({@code null}: not listed this time, the stored ones stay). A function's invocation setup is
     * replaced where discovery read it.
     */
    @Transactional
    public void reconcile(String account, String region, Collection<DiscoveredFunction> discovered,
            @Nullable List<EventSourceMapping> mappings, AccountLimits accountLimits, Instant seenAt) {
        if (mappings != null) {
            this.triggers.replaceMappings(account, region, mappings);
        }
        Map<String, LambdaFunction> known = this.functions.findByAccountAndRegion(account, region)
            .stream()
            .collect(Collectors.toMap(LambdaFunction::name, Function.identity()));
        for (DiscoveredFunction function : discovered) {
            if (!function.account().equals(account) || !function.region().equals(region)) {
                throw new IllegalArgumentException("Function " + function.name() + " of " + function.account() + "/"
                        + function.region() + " reported during discovery of " + account + "/" + region);
            }
            InvocationSetup setup = function.setup();
            LambdaFunction existing = known.remove(function.name());
            // the versions stored before this discovery: those beyond them were published since
            Set<String> knownVersions = (setup != null && existing != null)
                    ? this.triggers.versionNames(account, region, function.name()) : Set.of();
            if (setup != null) {
                this.triggers.replaceSetup(account, region, function.name(), setup, seenAt);
                this.allocations.record(account, region, function.name(), function.memoryMb(), setup, seenAt);
            }
            if (existing != null) {
                existing.update(function, seenAt, knownVersions);
            }
            else {
                this.functions.save(new LambdaFunction(function, seenAt));
            }
        }
        known.values().stream().filter((gone) -> gone.state() == FunctionState.ACTIVE).forEach((gone) -> {
            gone.markGone();
            this.allocations.end(account, region, gone.name(), seenAt);
        });
        this.limits.findByAccountAndRegion(account, region)
            .ifPresentOrElse((stored) -> stored.update(accountLimits),
                    () -> this.limits.save(new AccountLimitsRecord(accountLimits)));
    }

    /** Every function ever discovered, active and gone, ordered by region and name. */
    @Transactional(readOnly = true)
    public List<FunctionSummary> functions() {
        return this.snapshot.functions();
    }

    /** Where every function ever discovered is (account, region, name, state), ordered by name, region and account. */
    @Transactional(readOnly = true)
    public List<FunctionPlace> places() {
        return this.functions.places();
    }

    /**
     * Up to {@code limit} functions in (region, name, account) order after the position {@code after} (null: from the
     * start), of one account, region and state where given, whose name contains {@code search} (any case).
     */
    @Transactional(readOnly = true)
    public List<FunctionSummary> functions(@Nullable String account, @Nullable String region,
            @Nullable FunctionState state, @Nullable String search, @Nullable FunctionPosition after, int limit) {
        FunctionPosition from = (after != null) ? after : new FunctionPosition("", "", "");
        String pattern = (search == null || search.isBlank()) ? null
                : "%" + search.toLowerCase(java.util.Locale.ROOT).replace("%", "").replace("_", "") + "%";
        return this.functions
            .page(account, region, state, pattern, from.region(), from.name(), from.account(),
                    org.springframework.data.domain.Limit.of(limit))
            .stream()
            .map(LambdaFunction::toSummary)
            .toList();
    }

    /** Where a page of functions starts: after this region, name and account. */
    public record FunctionPosition(String region, String name, String account) {
    }

    /** The functions of that name in that region, one per account that has it. */
    @Transactional(readOnly = true)
    public List<FunctionSummary> functionsNamed(String region, String name) {
        return this.functions.findByRegionAndName(region, name).stream().map(LambdaFunction::toSummary).toList();
    }

    /** The active functions of one account and region. */
    @Transactional(readOnly = true)
    public List<FunctionSummary> activeFunctions(String account, String region) {
        return this.functions.findByAccountAndRegion(account, region)
            .stream()
            .filter((function) -> function.state() == FunctionState.ACTIVE)
            .map(LambdaFunction::toSummary)
            .toList();
    }

    /**
     * The provisioned concurrency allocated during some of [from, to), per alias or version and stretch of time at one
     * allocation, as discovery saw the configurations (a change made between two readings of a function's setup is
     * seen at the next one).
     */
    @Transactional(readOnly = true)
    public List<ProvisionedAllocation> provisionedAllocations(Instant from, Instant to) {
        return this.allocations.during(from, to);
    }

    /** The triggers of every function of one account and region that has any known, by function name. */
    @Transactional(readOnly = true)
    public Map<String, FunctionTriggers> triggers(String account, String region) {
        return this.triggers.triggers(account, region);
    }

    /** The triggers of one function (none known: empty). */
    @Transactional(readOnly = true)
    public FunctionTriggers triggers(String account, String region, String function) {
        return this.triggers.triggers(account, region, function);
    }

    /** The function an event source mapping invokes, if discovery has seen the mapping. */
    @Transactional(readOnly = true)
    public Optional<String> mappingOwner(String account, String region, String uuid) {
        return this.triggers.mappingOwner(account, region, uuid);
    }

    /**
     * Every code or configuration change detected of one function, oldest first (none known, or no such function:
     * empty).
     */
    @Transactional(readOnly = true)
    public List<FunctionChange> changes(String account, String region, String name) {
        return this.functions.findByAccountAndRegionAndName(account, region, name)
            .map(LambdaFunction::changes)
            .orElse(List.of());
    }

    /** The limits last reported for one account and region, if discovery has run there. */
    @Transactional(readOnly = true)
    public Optional<AccountLimits> limits(String account, String region) {
        return this.limits.findByAccountAndRegion(account, region).map(AccountLimitsRecord::toLimits);
    }
}
