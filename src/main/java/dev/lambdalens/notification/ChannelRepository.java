package dev.lambdalens.notification;

import org.springframework.data.jpa.repository.JpaRepository;

interface ChannelRepository extends JpaRepository<Channel, Long> {
}
