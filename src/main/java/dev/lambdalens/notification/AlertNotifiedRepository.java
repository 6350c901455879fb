package dev.lambdalens.notification;

import org.springframework.data.jpa.repository.JpaRepository;

interface AlertNotifiedRepository extends JpaRepository<AlertNotified, Long> {
}
