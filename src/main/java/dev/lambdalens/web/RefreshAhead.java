package dev.lambdalens.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * A value that is costly to read and changes only when new samples arrive. It is read once and shared by every
 * request until samples arrive ({@link #changed()}) or it is {@code maxAge} old. While somebody has asked for it
 * within {@code watchedFor}, it is read again in the background as soon as samples arrive, so that a request seldom
 * waits for a read; one that does waits for the read already under way rather than starting another.
 * @param <T> the value
 */
final class RefreshAhead<T> implements AutoCloseable {

    private final Function<Instant, T> reader;

    private final Clock clock;

    private final Duration maxAge;

    private final Duration watchedFor;

    private final ExecutorService executor;

    /** How many times samples arrived: a value read after the n-th arrival holds them all up to the n-th. */
    private final AtomicLong arrivals = new AtomicLong();

    private final AtomicReference<@Nullable Read<T>> latest = new AtomicReference<>();

    private final AtomicReference<@Nullable CompletableFuture<Read<T>>> reading = new AtomicReference<>();

    private volatile Instant lastAsked = Instant.MIN;

    RefreshAhead(String name, Function<Instant, T> reader, Clock clock, Duration maxAge, Duration watchedFor) {
        this.reader = reader;
        this.clock = clock;
        this.maxAge = maxAge;
        this.watchedFor = watchedFor;
        this.executor = Executors.newSingleThreadExecutor((task) -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The value, holding every sample that had arrived when this was called. */
    T get() {
        Instant now = this.clock.instant();
        this.lastAsked = now;
        long wanted = this.arrivals.get();
        while (true) {
            Read<T> read = this.latest.get();
            if (read != null && read.arrivals() >= wanted && fresh(read, now)) {
                if (now.isAfter(read.at().plus(this.maxAge.dividedBy(2)))) {
                    readInBackground(); // half its age gone: have the next one ready before it expires
                }
                return read.value();
            }
            try {
                read = readInBackground().join();
            }
            catch (CompletionException ex) {
                throw (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
            }
            if (read.arrivals() >= wanted) {
                return read.value();
            }
        }
    }

    /** New samples arrived: the value is stale, and is read again now if somebody is watching. */
    void changed() {
        this.arrivals.incrementAndGet();
        if (watched()) {
            readInBackground();
        }
    }

    private boolean fresh(Read<T> read, Instant now) {
        return !now.isBefore(read.at()) && now.isBefore(read.at().plus(this.maxAge));
    }

    private boolean watched() {
        return this.clock.instant().isBefore(this.lastAsked.plus(this.watchedFor));
    }

    /** The read under way, or a new one. */
    private CompletableFuture<Read<T>> readInBackground() {
        CompletableFuture<Read<T>> mine = new CompletableFuture<>();
        while (!this.reading.compareAndSet(null, mine)) {
            CompletableFuture<Read<T>> underWay = this.reading.get();
            if (underWay != null) {
                return underWay;
            }
        }
        try {
            this.executor.execute(() -> read(mine));
        }
        catch (java.util.concurrent.RejectedExecutionException closed) {
            this.reading.set(null);
            mine.completeExceptionally(closed);
        }
        return mine;
    }

    private void read(CompletableFuture<Read<T>> mine) {
        try {
            long arrivalsBefore = this.arrivals.get();
            Instant at = this.clock.instant();
            Read<T> read = new Read<>(at, arrivalsBefore, this.reader.apply(at));
            this.latest.accumulateAndGet(read,
                    (old, next) -> (old == null || next.arrivals() >= old.arrivals()) ? next : old);
            this.reading.set(null);
            mine.complete(read);
            if (this.arrivals.get() > arrivalsBefore && watched()) {
                readInBackground(); // more arrived while reading
            }
        }
        catch (RuntimeException ex) {
            this.reading.set(null);
            mine.completeExceptionally(ex);
        }
    }

    @Override
    public void close() {
        this.executor.shutdownNow();
    }

    /** A value, when it was read, and how many arrivals it holds. */
    private record Read<T>(Instant at, long arrivals, T value) {
    }
}
