package dev.lambdalens.notification;

import dev.lambdalens.InvalidFieldException;

/**
 * A channel definition that cannot work, naming the field at fault.
 */
class ChannelException extends InvalidFieldException {

    ChannelException(String field, String message) {
        super(field, message);
    }
}
