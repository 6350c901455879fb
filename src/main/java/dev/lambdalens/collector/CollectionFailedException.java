package dev.lambdalens.collector;

import dev.lambdalens.collector.source.SourceRegion;

/**
 * One account and region could not be collected this cycle; the others go on.
 */
class CollectionFailedException extends RuntimeException {

    CollectionFailedException(SourceRegion region, Throwable cause) {
        super("Collection of " + region + " failed: " + cause.getMessage(), cause);
    }
}
