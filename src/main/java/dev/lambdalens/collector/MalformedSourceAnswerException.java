package dev.lambdalens.collector;

/**
 * The source answered with something that cannot be stored as asked; nothing of that answer is stored.
 */
class MalformedSourceAnswerException extends RuntimeException {

    MalformedSourceAnswerException(String message) {
        super(message);
    }
}
