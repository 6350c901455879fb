package dev.lambdalens.collector.source.aws;

/**
 * A client-side rate limit: callers wait so that calls stay at or below {@code perSecond} on average, with bursts
 * of at most one second's worth. Keeps LambdaLens below an API quota instead of discovering it through throttling.
 */
final class TokenBucket {

    private final double perSecond;

    private double tokens;

    private long refilledAt;

    TokenBucket(double perSecond) {
        this.perSecond = perSecond;
        this.tokens = perSecond;
        this.refilledAt = System.nanoTime();
    }

    /** Take one token, waiting for it if none is left. */
    void acquire() {
        long waitNanos;
        synchronized (this) {
            refill();
            this.tokens -= 1;
            waitNanos = (this.tokens >= 0) ? 0 : (long) (-this.tokens / this.perSecond * 1e9);
        }
        if (waitNanos > 0) {
            try {
                Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the API rate limit", ex);
            }
        }
    }

    private void refill() {
        long now = System.nanoTime();
        this.tokens = Math.min(this.perSecond, this.tokens + (now - this.refilledAt) / 1e9 * this.perSecond);
        this.refilledAt = now;
    }
}
