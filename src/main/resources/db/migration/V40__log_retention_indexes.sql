-- logs retention: the log tables are pruned oldest first in chunks, by time alone (across every function), which
-- the per-function indexes of V32 cannot serve.
create index ix_log_report_age on log_report (minute_ts);
create index ix_log_error_event_age on log_error_event (minute_ts);
create index ix_log_error_sample_age on log_error_sample (seen_at);
create index ix_log_error_group_age on log_error_group (last_seen);
