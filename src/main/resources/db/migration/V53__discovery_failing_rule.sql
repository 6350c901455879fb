-- A discovery that keeps failing (ListFunctions refused or throttled) leaves the inventory as it was: new functions
-- are not watched and gone ones not noticed. Shipped as an ordinary rule, like the other self-monitoring ones.
insert into alert_rule (name, signal, scope, comparison, threshold, period_seconds, evaluation_periods,
        datapoints_to_alarm, missing_data, severity, description, enabled, created_at, updated_at)
values ('Discovery failing for 30 minutes', 'DISCOVERY_FAILING', 'ALL', 'GREATER_THAN_OR_EQUAL_TO_THRESHOLD', 30, 60,
        1, 1, 'MISSING', 'WARNING',
        'LambdaLens has not listed the functions of this account and region for 30 minutes (ListFunctions refused or '
            || 'throttled): new functions are not watched and gone ones not noticed until it recovers. Metrics of the '
            || 'known functions are still collected. See the Collector page for the error.',
        true, current_timestamp, current_timestamp);
