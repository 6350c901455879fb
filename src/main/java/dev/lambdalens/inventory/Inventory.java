package dev.lambdalens.inventory;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    Inventory(LambdaFunctionRepository functions, AccountLimitsRepository limits) {
        this.functions = functions;
        this.limits = limits;
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
        Map<String, LambdaFunction> known = this.functions.findByAccountAndRegion(account, region)
            .stream()
            .collect(Collectors.toMap(LambdaFunction::name, Function.identity()));
        for (DiscoveredFunction function : discovered) {
            if (!function.account().equals(account) || !function.region().equals(region)) {
                throw new IllegalArgumentException("Function " + function.name() + " of " + function.account() + "/"
                        + function.region() + " reported during discovery of " + account + "/" + region);
            }
            LambdaFunction existing = known.remove(function.name());
            if (existing != null) {
                existing.update(function, seenAt);
            }
            else {
                this.functions.save(new LambdaFunction(function, seenAt));
            }
        }
        known.values().stream().filter((gone) -> gone.state() == FunctionState.ACTIVE).forEach(LambdaFunction::markGone);
        this.limits.findByAccountAndRegion(account, region)
            .ifPresentOrElse((stored) -> stored.update(accountLimits),
                    () -> this.limits.save(new AccountLimitsRecord(accountLimits)));
    }

    /** Every function ever discovered, active and gone, ordered by region and name. */
    @Transactional(readOnly = true)
    public List<FunctionSummary> functions() {
        return this.functions.findAllByOrderByRegionAscNameAscAccountAsc()
            .stream()
            .map(LambdaFunction::toSummary)
            .toList();
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

    /** The limits last reported for one account and region, if discovery has run there. */
    @Transactional(readOnly = true)
    public Optional<AccountLimits> limits(String account, String region) {
        return this.limits.findByAccountAndRegion(account, region).map(AccountLimitsRecord::toLimits);
    }
}
