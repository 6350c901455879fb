package dev.lambdalens.alerting;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface AlertRepository extends JpaRepository<Alert, Long> {

    List<Alert> findByRuleId(long ruleId);

    List<Alert> findAllByOrderByStateSinceDesc();
}
