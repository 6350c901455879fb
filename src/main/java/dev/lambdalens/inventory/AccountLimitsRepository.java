package dev.lambdalens.inventory;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface AccountLimitsRepository extends JpaRepository<AccountLimitsRecord, Long> {

    Optional<AccountLimitsRecord> findByAccountAndRegion(String account, String region);
}
