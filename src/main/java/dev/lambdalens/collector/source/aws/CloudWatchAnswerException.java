package dev.lambdalens.collector.source.aws;

/**
 * CloudWatch answered something that cannot be stored as asked; nothing of that fetch is stored.
 */
class CloudWatchAnswerException extends RuntimeException {

    CloudWatchAnswerException(String message) {
        super(message);
    }
}
