package dev.lambdalens.alerting;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface AlertTransitionRepository extends JpaRepository<AlertTransition, Long> {

    List<AlertTransition> findByAlertIdOrderByAtDesc(long alertId);
}
