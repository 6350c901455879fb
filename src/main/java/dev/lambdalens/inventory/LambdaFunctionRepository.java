package dev.lambdalens.inventory;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface LambdaFunctionRepository extends JpaRepository<LambdaFunction, Long> {

    List<LambdaFunction> findByAccountAndRegion(String account, String region);

    List<LambdaFunction> findByRegionAndName(String region, String name);

    java.util.Optional<LambdaFunction> findByAccountAndRegionAndName(String account, String region, String name);

    List<LambdaFunction> findAllByOrderByRegionAscNameAscAccountAsc();

    /** What changes whenever a function is added, changed or removed. */
    @Query("""
            select new dev.lambdalens.inventory.FunctionsSnapshot$Fingerprint(count(f), coalesce(sum(f.version), 0),
                coalesce(max(f.id), 0))
            from LambdaFunction f""")
    FunctionsSnapshot.Fingerprint fingerprint();

    /** Where each function is, without its configuration: what a form offers to choose from. */
    @Query("""
            select new dev.lambdalens.inventory.FunctionPlace(f.account, f.region, f.name, f.state)
            from LambdaFunction f order by f.name, f.region, f.account""")
    List<FunctionPlace> places();

    /** One page in (region, name, account) order after the given position, narrowed by the filters that are set. */
    @Query("""
            select f from LambdaFunction f
            where (:account is null or f.account = :account) and (:region is null or f.region = :region)
            and (:state is null or f.state = :state) and (:search is null or lower(f.name) like :search)
            and (f.region > :afterRegion or (f.region = :afterRegion and (f.name > :afterName
                or (f.name = :afterName and f.account > :afterAccount))))
            order by f.region, f.name, f.account""")
    List<LambdaFunction> page(@Nullable String account, @Nullable String region, @Nullable FunctionState state,
            @Nullable String search, String afterRegion, String afterName, String afterAccount, Limit limit);
}
