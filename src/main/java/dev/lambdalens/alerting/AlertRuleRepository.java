package dev.lambdalens.alerting;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface AlertRuleRepository extends JpaRepository<AlertRule, Long> {

    /** Every rule, deleted ones included (their alerts leave ALARM on the next pass). */
    List<AlertRule> findAllByOrderByIdAsc();

    /** The rules that exist for users: deleted ones are gone from lists, their alerts' history stays. */
    List<AlertRule> findByDeletedAtIsNullOrderByIdAsc();

    java.util.Optional<AlertRule> findBySource(String source);
}
