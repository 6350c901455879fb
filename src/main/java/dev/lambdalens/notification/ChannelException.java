package dev.lambdalens.notification;

/**
 * A channel definition that cannot work, naming the field at fault.
 */
class ChannelException extends RuntimeException {

    private final String field;

    ChannelException(String field, String message) {
        super(message);
        this.field = field;
    }

    String field() {
        return this.field;
    }
}
