-- The shipped rules, tuned on the demo: a bursty function that throttles heavily throttles in some minutes and not
-- in others, so Throttles judges 1 of the last 5 minutes and keeps firing for 10 minutes after the last; an error
-- rate that hovers about its threshold keeps firing for 15 minutes rather than flapping.
update alert_rule set evaluation_periods = 5, datapoints_to_alarm = 1, keep_firing_for_seconds = 600,
        description = 'A function was throttled in at least 1 of the last 5 minutes: invocations were refused for '
            || 'lack of concurrency. Keeps firing until 10 minutes without throttles.'
    where name = 'Throttles' and signal = 'METRIC' and evaluation_periods = 1 and datapoints_to_alarm = 1;
update alert_rule set keep_firing_for_seconds = 900
    where name = 'Error rate above 5%' and signal = 'ERROR_RATE' and keep_firing_for_seconds = 0;

-- The monitor watches itself, through ordinary rules a user can edit, disable or delete.
insert into alert_rule (name, signal, scope, comparison, threshold, period_seconds, evaluation_periods,
        datapoints_to_alarm, missing_data, severity, description, enabled, created_at, updated_at)
values ('Collection failing for 10 minutes', 'COLLECTION_FAILING', 'ALL', 'GREATER_THAN_OR_EQUAL_TO_THRESHOLD',
        10, 60, 1, 1, 'MISSING', 'CRITICAL',
        'LambdaLens has not collected this account and region for 10 minutes (credentials refused, throttled, '
            || 'unreachable): its alerts cannot fire until it recovers. See the Collector page for the error.',
        true, current_timestamp, current_timestamp),
       ('Data lagging more than 20 minutes', 'DATA_LAG', 'ALL', 'GREATER_THAN_THRESHOLD', 20, 60, 1, 1, 'MISSING',
        'WARNING', 'The newest stored data of this account and region is more than 20 minutes old: alerts are '
            || 'judged that late.',
        true, current_timestamp, current_timestamp);
