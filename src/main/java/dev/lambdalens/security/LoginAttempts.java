package dev.lambdalens.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Login rate limiting: after {@code max-login-failures} failed sign-ins of one username, or from one address, within
 * the lockout period, sign-in is refused until the oldest failure is that old. Kept per instance, in memory.
 */
@Component
class LoginAttempts {

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    private final int max;

    private final Duration lockout;

    private final Clock clock;

    LoginAttempts(SecurityProperties properties, Clock clock) {
        this.max = properties.maxLoginFailures();
        this.lockout = properties.loginLockout();
        this.clock = clock;
    }

    /** How long sign-in stays refused for this username or address; zero when it is allowed. */
    Duration blockedFor(String username, String address) {
        return longer(wait(userKey(username)), wait(addressKey(address)));
    }

    void failed(String username, String address) {
        Instant now = this.clock.instant();
        for (String key : new String[] { userKey(username), addressKey(address) }) {
            Deque<Instant> times = this.failures.computeIfAbsent(key, (k) -> new ArrayDeque<>());
            synchronized (times) {
                times.addLast(now);
                while (times.size() > this.max) {
                    times.removeFirst();
                }
            }
        }
    }

    void succeeded(String username) {
        this.failures.remove(userKey(username));
    }

    private Duration wait(String key) {
        Deque<Instant> times = this.failures.get(key);
        if (times == null) {
            return Duration.ZERO;
        }
        synchronized (times) {
            Instant now = this.clock.instant();
            times.removeIf((t) -> !t.plus(this.lockout).isAfter(now));
            if (times.size() < this.max) {
                return Duration.ZERO;
            }
            return Duration.between(now, times.peekFirst().plus(this.lockout));
        }
    }

    private static Duration longer(Duration a, Duration b) {
        return (a.compareTo(b) >= 0) ? a : b;
    }

    private static String userKey(String username) {
        return "user:" + username.trim().toLowerCase(Locale.ROOT);
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
