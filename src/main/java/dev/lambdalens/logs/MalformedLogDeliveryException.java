package dev.lambdalens.logs;

/** A Firehose delivery of log records that cannot be read or mapped; nothing of it is stored. */
class MalformedLogDeliveryException extends RuntimeException {

    MalformedLogDeliveryException(String message) {
        super(message);
    }
}
