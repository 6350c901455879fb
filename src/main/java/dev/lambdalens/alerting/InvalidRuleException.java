package dev.lambdalens.alerting;

import dev.lambdalens.InvalidFieldException;

/**
 * A rule definition that does not hold together, naming the field at fault.
 */
public class InvalidRuleException extends InvalidFieldException {

    public InvalidRuleException(String field, String message) {
        super(field, message);
    }
}
