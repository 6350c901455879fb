package dev.lambdalens.security;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface ApiTokenRepository extends JpaRepository<ApiToken, Long> {

    Optional<ApiToken> findByTokenHash(String tokenHash);

    Optional<ApiToken> findByName(String name);

    List<ApiToken> findAllByOrderByCreatedAtDesc();
}
