package dev.lambdalens.alerting;

/**
 * A rule definition that does not hold together, naming the field at fault.
 */
public class InvalidRuleException extends IllegalArgumentException {

    private final String field;

    public InvalidRuleException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return this.field;
    }
}
