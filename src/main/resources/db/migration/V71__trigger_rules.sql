-- Shipped rules on the trigger metrics (issue 19), ordinary rows a user can edit, disable or delete. Each metric is
-- collected only for the functions where it can exist (a stream mapping, asynchronous invocation, a dead-letter queue
-- or destination), so each rule watches exactly those.
insert into alert_rule (name, signal, metric, statistic, scope, comparison, threshold, period_seconds,
        evaluation_periods, datapoints_to_alarm, missing_data, severity, description, enabled, created_at, updated_at)
values ('Async events dropped', 'METRIC', 'AsyncEventsDropped', 'Sum', 'ALL', 'GREATER_THAN_THRESHOLD', 0, 60, 5, 1,
        'NOT_BREACHING', 'CRITICAL',
        'Lambda dropped asynchronous events without processing them (older than the maximum event age, or retries '
            || 'spent) in at least 1 of the last 5 minutes. Without an on-failure destination or dead-letter queue '
            || 'they are lost: raise the maximum event age or concurrency, or add a destination.',
        true, current_timestamp, current_timestamp),
       ('Dead-letter deliveries failing', 'METRIC', 'DeadLetterErrors', 'Sum', 'ALL', 'GREATER_THAN_THRESHOLD', 0, 60,
        5, 1, 'NOT_BREACHING', 'CRITICAL',
        'Lambda could not send failed events to the dead-letter queue in at least 1 of the last 5 minutes: those '
            || 'events are lost. Check the queue or topic exists and the function''s role may send to it.',
        true, current_timestamp, current_timestamp),
       ('Destination deliveries failing', 'METRIC', 'DestinationDeliveryFailures', 'Sum', 'ALL',
        'GREATER_THAN_THRESHOLD', 0, 60, 5, 1, 'NOT_BREACHING', 'CRITICAL',
        'Lambda could not send events to a destination (asynchronous or an event source mapping''s on-failure) in at '
            || 'least 1 of the last 5 minutes. Check the destination exists and the function''s role may send to it.',
        true, current_timestamp, current_timestamp),
       ('Recursive loop stopped', 'METRIC', 'RecursiveInvocationsDropped', 'Sum', 'ALL', 'GREATER_THAN_THRESHOLD', 0,
        60, 1, 1, 'NOT_BREACHING', 'WARNING',
        'Lambda detected this function in a recursive loop (SQS, SNS, S3 or Lambda calling back into it) and stopped '
            || 'invocations. The events were dropped or sent to the dead-letter queue: fix the loop.',
        true, current_timestamp, current_timestamp),
       ('Stream consumer more than 5 minutes behind', 'METRIC', 'IteratorAge', 'Maximum', 'ALL',
        'GREATER_THAN_THRESHOLD', 300000, 60, 5, 3, 'MISSING', 'WARNING',
        'The newest record this function read from its Kinesis or DynamoDB stream was more than 5 minutes old in 3 of '
            || 'the last 5 minutes: it is falling behind, and records expire at the end of the stream''s retention. '
            || 'Raise the parallelization factor or batch size, or look for errors retrying a batch.',
        true, current_timestamp, current_timestamp);
