package dev.lambdalens.cost;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface BudgetRepository extends JpaRepository<Budget, Long> {

    List<Budget> findAllByOrderByNameAsc();
}
