-- How far the data of a function's metric is complete because the account-level signal made the collector fetch
-- it at once (only those metrics, so a target's own watermark cannot say it): a rule on that metric judges up to
-- here when the span joins the target's watermark.
create table signal_watermark (
    account_id      varchar(12)  not null,
    region          varchar(32)  not null,
    function_name   varchar(170) not null,
    metric          varchar(64)  not null,
    covered_from    timestamp with time zone not null,
    covered_until   timestamp with time zone not null,
    constraint pk_signal_watermark primary key (account_id, region, function_name, metric)
);

-- How far Metric Streams deliveries of an account and region have come (the end of the newest minute received),
-- and when the last one arrived: pushed data is judged up to there, not up to the clock.
create table stream_watermark (
    account_id     varchar(12) not null,
    region         varchar(32) not null,
    received_until timestamp with time zone not null,
    received_at    timestamp with time zone not null,
    constraint pk_stream_watermark primary key (account_id, region)
);
