package dev.lambdalens.collector.source;

/**
 * One account in one region: the unit a source is collected and reported in.
 */
public record SourceRegion(String account, String region) {

    @Override
    public String toString() {
        return this.account + "/" + this.region;
    }
}
