package dev.lambdalens.inventory;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface LambdaFunctionRepository extends JpaRepository<LambdaFunction, Long> {

    List<LambdaFunction> findByAccountAndRegion(String account, String region);

    List<LambdaFunction> findByRegionAndName(String region, String name);

    List<LambdaFunction> findAllByOrderByRegionAscNameAscAccountAsc();
}
