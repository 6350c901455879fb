-- "Notifications given up" is shipped as an ordinary row, like the other self-monitoring rules, so that it can be
-- routed, re-graded or disabled before it first fires; the notification module reports its alerts (one per channel).
insert into alert_rule (name, signal, scope, comparison, threshold, period_seconds, evaluation_periods,
        datapoints_to_alarm, missing_data, severity, description, enabled, created_at, updated_at, source)
select 'Notifications given up', 'EXTERNAL', 'ALL', 'GREATER_THAN_OR_EQUAL_TO_THRESHOLD', 0, 60, 1, 1, 'MISSING',
        'CRITICAL', 'A channel refused or failed deliveries until LambdaLens gave them up: fix its URL or secret on '
            || 'the Channels page.', true, current_timestamp, current_timestamp, 'lambdalens:notifications'
where not exists (select 1 from alert_rule where source = 'lambdalens:notifications');
