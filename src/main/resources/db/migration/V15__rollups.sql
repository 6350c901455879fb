-- metrics: hourly rollups (sum, count, min, max) that long ranges read, and outlive the 1-minute samples
create table metric_rollup (
    series_id bigint           not null,
    hour_ts   bigint           not null,
    val_sum   double precision not null,
    val_count integer          not null,
    val_min   double precision not null,
    val_max   double precision not null,
    constraint pk_metric_rollup primary key (series_id, hour_ts)
);

-- metrics: hours written since they were last rolled up, per account and region (a late datapoint, a backfill, a
-- Metric Streams delivery); marked_at lets a roll-up keep an hour pending that was written again meanwhile
create table rollup_pending (
    account_id varchar(12) not null,
    region     varchar(32) not null,
    hour_ts    bigint      not null,
    marked_at  bigint      not null,
    constraint pk_rollup_pending primary key (account_id, region, hour_ts)
);

-- what was stored before rollups existed is rolled up by the first retention pass
insert into rollup_pending (account_id, region, hour_ts, marked_at)
select distinct s.account_id, s.region, (v.ts / 3600) * 3600, 0
from metric_sample v join metric_series s on s.id = v.series_id;
