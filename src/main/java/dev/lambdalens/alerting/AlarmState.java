package dev.lambdalens.alerting;

/**
 * The state of one alert, as CloudWatch names alarm states.
 */
public enum AlarmState {
    OK, ALARM, INSUFFICIENT_DATA
}
