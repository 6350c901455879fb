package dev.lambdalens.alerting;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a rule treats periods without a datapoint (CloudWatch's TreatMissingData).
 */
public enum MissingData {

    /** Judge the datapoints there are; with none at all, INSUFFICIENT_DATA. CloudWatch's default. */
    MISSING("missing"),
    /** A missing period counts as within the threshold. */
    NOT_BREACHING("notBreaching"),
    /** A missing period counts as breaching the threshold. */
    BREACHING("breaching"),
    /** Without enough datapoints to decide, keep the current state. */
    IGNORE("ignore");

    private final String wireName;

    MissingData(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return this.wireName;
    }

    public static Optional<MissingData> fromWireName(String name) {
        return Arrays.stream(values()).filter((m) -> m.wireName.equals(name)).findFirst();
    }
}
