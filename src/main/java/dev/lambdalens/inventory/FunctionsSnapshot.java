package dev.lambdalens.inventory;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Every function with its configuration history, kept between reads: loading 10,000 functions with their history
 * takes about a second, and the evaluator asks for them on every pass. One aggregate query (count, sum of versions,
 * highest id) tells whether anything was added, changed or removed since, by this instance or another.
 */
@Component
class FunctionsSnapshot {

    private final LambdaFunctionRepository functions;

    private final AtomicReference<@Nullable Kept> kept = new AtomicReference<>();

    FunctionsSnapshot(LambdaFunctionRepository functions) {
        this.functions = functions;
    }

    /** Every function, as stored now; to be called in a (read-only) transaction. */
    List<FunctionSummary> functions() {
        Fingerprint now = this.functions.fingerprint();
        Kept current = this.kept.get();
        if (current != null && current.fingerprint().equals(now)) {
            return current.functions();
        }
        List<FunctionSummary> loaded = this.functions.findAllByOrderByRegionAscNameAscAccountAsc()
            .stream()
            .map(LambdaFunction::toSummary)
            .toList();
        // the fingerprint is read before the rows: a change committed between the two reads only makes the next read
        // load again, never keeps a stale list
        this.kept.set(new Kept(now, loaded));
        return loaded;
    }

    record Fingerprint(long count, long versions, long highestId) {
    }

    private record Kept(Fingerprint fingerprint, List<FunctionSummary> functions) {
    }
}
