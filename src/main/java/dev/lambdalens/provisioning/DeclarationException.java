package dev.lambdalens.provisioning;

/**
 * A declaration in a provisioning file that cannot be applied: which item of its section, which field, and why.
 */
public class DeclarationException extends RuntimeException {

    private final int index;

    private final String field;

    public DeclarationException(int index, String field, String message) {
        super(message);
        this.index = index;
        this.field = field;
    }

    /** The item's position in its section, from 0; -1 for the section itself. */
    public int index() {
        return this.index;
    }

    public String field() {
        return this.field;
    }
}
