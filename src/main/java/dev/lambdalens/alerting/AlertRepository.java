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

    List<Alert> findByAccountAndRegionAndFunctionName(String account, String region, String functionName);

    /** One page, newest state first, after (since, id), narrowed by the filters that are set. */
    @Query("""
            select a from Alert a where (:state is null or a.state = :state) and (:rule is null or a.ruleId = :rule)
            and (:account is null or a.account = :account) and (:region is null or a.region = :region)
            and (:function is null or a.functionName = :function)
            and (a.stateSince < :since or (a.stateSince = :since and a.id < :id))
            order by a.stateSince desc, a.id desc""")
    List<Alert> page(@Nullable AlarmState state, @Nullable Long rule, @Nullable String account,
            @Nullable String region, @Nullable String function, Instant since, long id, Limit limit);
}
