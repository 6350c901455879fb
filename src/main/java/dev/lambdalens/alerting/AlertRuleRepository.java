package dev.lambdalens.alerting;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface AlertRuleRepository extends JpaRepository<AlertRule, Long> {

    List<AlertRule> findAllByOrderByIdAsc();

    java.util.Optional<AlertRule> findBySource(String source);
}
