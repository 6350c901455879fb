package dev.lambdalens.collector;

import dev.lambdalens.collector.source.SourceRegion;
import dev.lambdalens.runtime.WorkKind;

/**
 * One unit of collector work: the metric collection, or the discovery, of one account and region. One instance at a
 * time holds a unit, under a lease named after it.
 */
record WorkUnit(Kind kind, SourceRegion region) {

    /** What a unit does. */
    enum Kind {
        COLLECTION("collect", WorkKind.COLLECTION), DISCOVERY("discover", WorkKind.DISCOVERY);

        private final String prefix;

        private final WorkKind pool;

        Kind(String prefix, WorkKind pool) {
            this.prefix = prefix;
            this.pool = pool;
        }

        WorkKind pool() {
            return this.pool;
        }
    }

    /** The unit's name: its lease's name and its row in {@code work_unit}, such as {@code collect:1234/us-east-1}. */
    String name() {
        return this.kind.prefix + ":" + this.region.account() + "/" + this.region.region();
    }
}
