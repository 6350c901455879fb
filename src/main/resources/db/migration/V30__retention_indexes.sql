-- retention deletes the oldest rows of these tables in chunks; without an index on the time it would scan them whole
create index ix_alert_transition_at on alert_transition (at);
create index ix_delivery_created on delivery (created_at);

-- metrics: when a series row was created (epoch seconds; 0 for the rows from before). Retention deletes series whose
-- every sample and rollup is gone (functions long gone), but never one created moments ago whose first samples are
-- still being written
alter table metric_series add column created_at bigint default 0 not null;
