package dev.lambdalens.collector.stream;

/** A Firehose delivery that cannot be read; nothing of it is stored. */
class MalformedDeliveryException extends RuntimeException {

    MalformedDeliveryException(String message) {
        super(message);
    }
}
