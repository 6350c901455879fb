package dev.lambdalens.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

class RefreshAheadTests {

    private final MovableClock clock = new MovableClock();

    private final AtomicInteger reads = new AtomicInteger();

    private RefreshAhead<Integer> value;

    @AfterEach
    void close() {
        this.value.close();
    }

    @Test
    void readsOnceForEveryRequestUntilSamplesArrive() {
        this.value = refreshAhead((now) -> this.reads.incrementAndGet());
        assertThat(this.value.get()).isEqualTo(1);
        assertThat(this.value.get()).isEqualTo(1);
        this.clock.move(Duration.ofSeconds(10));
        assertThat(this.value.get()).isEqualTo(1);
        this.value.changed();
        assertThat(this.value.get()).isEqualTo(2);
        assertThat(this.reads).hasValue(2);
    }

    @Test
    void readsAgainInTheBackgroundWhenSamplesArriveWhileSomebodyIsWatching() {
        this.value = refreshAhead((now) -> this.reads.incrementAndGet());
        this.value.get();
        this.value.changed();
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(this.reads).hasValue(2));
        assertThat(this.value.get()).isEqualTo(2);
        assertThat(this.reads).hasValue(2);
    }

    @Test
    void nobodyWatchingMeansNoReadUntilAsked() throws Exception {
        this.value = refreshAhead((now) -> this.reads.incrementAndGet());
        this.value.get();
        this.clock.move(Duration.ofMinutes(6));
        this.value.changed();
        Thread.sleep(200);
        assertThat(this.reads).hasValue(1);
        assertThat(this.value.get()).isEqualTo(2);
    }

    @Test
    void neverAnswersWithAReadThatStartedBeforeTheSamplesArrived() throws Exception {
        CountDownLatch inRead = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        this.value = refreshAhead((now) -> {
            int read = this.reads.incrementAndGet();
            if (read == 2) {
                inRead.countDown();
                hold(release);
            }
            return read;
        });
        this.value.get();
        this.value.changed(); // read 2 starts in the background, and is held
        assertThat(inRead.await(5, TimeUnit.SECONDS)).isTrue();
        this.value.changed(); // samples arrive while read 2 is under way
        CompletableFuture<Integer> request = CompletableFuture.supplyAsync(this.value::get);
        release.countDown();
        assertThat(request.get(5, TimeUnit.SECONDS)).isEqualTo(3);
    }

    @Test
    void expiresAfterItsMaximumAgeForTheSamplesOfOtherInstances() {
        this.value = refreshAhead((now) -> this.reads.incrementAndGet());
        this.value.get();
        this.clock.move(Duration.ofSeconds(31));
        assertThat(this.value.get()).isEqualTo(2);
    }

    @Test
    void aFailedReadReachesTheCallerAndTheNextRequestReadsAgain() {
        this.value = refreshAhead((now) -> {
            if (this.reads.incrementAndGet() == 1) {
                throw new IllegalStateException("database gone");
            }
            return this.reads.get();
        });
        assertThatIllegalStateException().isThrownBy(this.value::get).withMessage("database gone");
        assertThat(this.value.get()).isEqualTo(2);
    }

    private RefreshAhead<Integer> refreshAhead(Function<Instant, Integer> reader) {
        return new RefreshAhead<>("test-figures", reader, this.clock, Duration.ofSeconds(30), Duration.ofMinutes(5));
    }

    private static void hold(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** A clock the test moves by hand. */
    static final class MovableClock extends Clock {

        private volatile Instant now = Instant.parse("2026-11-28T12:00:00Z");

        void move(Duration by) {
            this.now = this.now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return this.now;
        }
    }
}
