package dev.lambdalens.provisioning;

/**
 * A provisioning file refused, with where: the file, the line and the field (a path such as
 * {@code rules[2].threshold}).
 */
class ProvisioningException extends RuntimeException {

    private final String file;

    private final int line;

    private final String field;

    ProvisioningException(String file, int line, String field, String message) {
        super(file + ":" + line + (field.isEmpty() ? "" : " " + field) + " " + message);
        this.file = file;
        this.line = line;
        this.field = field;
    }

    String file() {
        return this.file;
    }

    int line() {
        return this.line;
    }

    String field() {
        return this.field;
    }
}
