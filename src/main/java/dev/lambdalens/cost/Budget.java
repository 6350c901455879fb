package dev.lambdalens.cost;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.lambdalens.alerting.Severity;
import dev.lambdalens.metrics.FunctionRef;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * An amount of money for a period and a set of functions, with thresholds that alert when crossed.
 */
@Entity
@Table(name = "budget")
class Budget {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    private String name;

    private BigDecimal amount;

    @Enumerated(EnumType.STRING)
    private BudgetPeriod period;

    private @Nullable LocalDate startsOn;

    private @Nullable LocalDate endsOn;

    @Enumerated(EnumType.STRING)
    private BudgetScope scope;

    private @Nullable String scopeValue;

    @Column(name = "account_id")
    private @Nullable String account;

    @Enumerated(EnumType.STRING)
    private Severity severity;

    private @Nullable String channelIds;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "budget_threshold", joinColumns = @JoinColumn(name = "budget_id"))
    @OrderColumn(name = "position")
    private List<BudgetThreshold> thresholds = new ArrayList<>();

    private Instant createdAt;

    private Instant updatedAt;

    /** The provisioning file that declares it, or {@code null} for one made by hand. */
    private @Nullable String provisionedFrom;

    @SuppressWarnings("NullAway.Init")
    protected Budget() {
        // for JPA
    }

    Budget(BudgetDefinition definition, Instant now) {
        this.createdAt = now;
        apply(definition, now);
    }

    /** Takes a new definition; thresholds that stay the same keep the period they were last crossed in. */
    void apply(BudgetDefinition d, Instant now) {
        this.name = d.name();
        this.amount = d.amount();
        this.period = d.period();
        this.startsOn = d.startsOn();
        this.endsOn = d.endsOn();
        this.scope = d.scope();
        this.scopeValue = d.scopeValue();
        this.account = d.account();
        this.severity = d.severity();
        this.channelIds = d.channelIds().isEmpty() ? null
                : d.channelIds().stream().map(String::valueOf).collect(Collectors.joining(","));
        List<BudgetThreshold> kept = new ArrayList<>();
        for (BudgetDefinition.Threshold t : d.thresholds()) {
            kept.add(this.thresholds.stream()
                .filter((old) -> old.kind() == t.kind() && old.value() == t.value() && old.unit() == t.unit())
                .findFirst()
                .orElseGet(() -> new BudgetThreshold(t.kind(), t.value(), t.unit())));
        }
        this.thresholds.clear();
        this.thresholds.addAll(kept);
        this.updatedAt = now;
    }

    BudgetDefinition definition() {
        return new BudgetDefinition(this.name, this.amount, this.period, this.startsOn, this.endsOn, this.scope,
                this.scopeValue, this.account, this.severity, channelIdList(),
                this.thresholds.stream()
                    .map((t) -> new BudgetDefinition.Threshold(t.kind(), t.value(), t.unit()))
                    .toList());
    }

    /**
     * The period that {@code today} falls in, [start, end) in UTC days: the calendar month, or the custom period
     * (which may not have begun or may have ended).
     */
    LocalDate[] periodOf(LocalDate today) {
        if (this.period == BudgetPeriod.MONTHLY) {
            YearMonth month = YearMonth.from(today);
            return new LocalDate[] { month.atDay(1), month.plusMonths(1).atDay(1) };
        }
        return new LocalDate[] { this.startsOn, this.endsOn.plusDays(1) };
    }

    /** Whether the budget counts this function's cost. */
    boolean counts(FunctionRef function, Map<String, String> tags) {
        if (this.account != null && !this.account.equals(function.account())) {
            return false;
        }
        return switch (this.scope) {
            case ACCOUNT -> true;
            case FUNCTIONS -> Arrays.stream(this.scopeValue.split(","))
                .map(String::trim)
                .filter((p) -> !p.isEmpty())
                .anyMatch((p) -> glob(p).matcher(function.name()).matches());
            case TAG -> {
                int equals = this.scopeValue.indexOf('=');
                yield this.scopeValue.substring(equals + 1).trim()
                    .equals(tags.get(this.scopeValue.substring(0, equals).trim()));
            }
        };
    }

    private static Pattern glob(String pattern) {
        return Pattern.compile(Arrays.stream(pattern.split("\\*", -1)).map(Pattern::quote)
            .collect(Collectors.joining(".*")));
    }

    private List<Long> channelIdList() {
        return (this.channelIds == null || this.channelIds.isBlank()) ? List.of()
                : Arrays.stream(this.channelIds.split(",")).map(Long::valueOf).toList();
    }

    /** The alerting source that stands for this budget's thresholds. */
    String alertSource() {
        return "budget:" + this.id;
    }

    @Nullable Long id() {
        return this.id;
    }

    String name() {
        return this.name;
    }

    BigDecimal amount() {
        return this.amount;
    }

    Severity severity() {
        return this.severity;
    }

    List<Long> channelIds() {
        return channelIdList();
    }

    @Nullable String account() {
        return this.account;
    }

    List<BudgetThreshold> thresholds() {
        return this.thresholds;
    }

    @Nullable String provisionedFrom() {
        return this.provisionedFrom;
    }

    void provisionedFrom(@Nullable String source) {
        this.provisionedFrom = source;
    }

    /** @throws ManagedBudgetException when a provisioning file declares it: it is changed there */
    void checkEditable() {
        if (this.provisionedFrom != null) {
            throw new ManagedBudgetException("Budget " + this.id + " is provisioned from " + this.provisionedFrom
                    + ": change or remove it there");
        }
    }
}
