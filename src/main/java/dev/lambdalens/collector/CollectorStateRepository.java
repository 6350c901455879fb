package dev.lambdalens.collector;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface CollectorStateRepository extends JpaRepository<CollectorState, Long> {

    Optional<CollectorState> findByAccountAndRegion(String account, String region);

    List<CollectorState> findAllByOrderByAccountAscRegionAsc();
}
