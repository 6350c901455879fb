package dev.lambdalens;

/**
 * A request that names a field whose value cannot work; every module throws it, and the API answers it as a 400
 * problem with {@code errors: [{field, message}]}.
 */
public class InvalidFieldException extends IllegalArgumentException {

    private final String field;

    public InvalidFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The request field at fault. */
    public String field() {
        return this.field;
    }
}
