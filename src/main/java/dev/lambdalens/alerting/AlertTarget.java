package dev.lambdalens.alerting;

/**
 * What one alert of a rule is about: a function, or a whole account and region when {@code function} is empty.
 */
public record AlertTarget(String account, String region, String function) {

    public boolean accountLevel() {
        return this.function.isEmpty();
    }

    @Override
    public String toString() {
        return this.account + "/" + this.region + (accountLevel() ? "" : "/" + this.function);
    }
}
