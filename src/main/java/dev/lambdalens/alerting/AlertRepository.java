package dev.lambdalens.alerting;

import org.springframework.data.jpa.repository.Query;

import org.springframework.data.domain.Limit;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface AlertRepository extends JpaRepository<Alert, Long> {

    List<Alert> findByRuleId(long ruleId);

    /** The alerts in one state, whatever their rule: the firing ones are few next to every alert. */
    List<Alert> findByState(AlarmState state);

    List<Alert> findAllByOrderByStateSinceDesc();

    /**
     * One function's alerts, with those of its aliases, versions and mappings ({@code qualified}:
     * {@link AlertTarget#qualifiedLike}).
     */
    @Query("""
            select a from Alert a where a.account = :account and a.region = :region
            and (a.functionName = :function or a.functionName like :qualified escape '\\')""")
    List<Alert> ofFunction(String account, String region, String function, String qualified);

    /**
     * One page, newest state first, after (since, id), narrowed by the filters that are set; a function's alerts
     * include those of its aliases, versions and mappings ({@code qualified}: {@link AlertTarget#qualifiedLike}).
     */
    @Query("""
            select a from Alert a where (:state is null or a.state = :state) and (:rule is null or a.ruleId = :rule)
            and (:account is null or a.account = :account) and (:region is null or a.region = :region)
            and (:function is null or a.functionName = :function or a.functionName like :qualified escape '\\')
            and (a.stateSince < :since or (a.stateSince = :since and a.id < :id))
            order by a.stateSince desc, a.id desc""")
    List<Alert> page(@Nullable AlarmState state, @Nullable Long rule, @Nullable String account,
            @Nullable String region, @Nullable String function, @Nullable String qualified, Instant since, long id,
            Limit limit);
}
