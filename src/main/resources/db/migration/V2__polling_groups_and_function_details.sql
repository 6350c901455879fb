-- Cost-aware polling: account-level series, active functions and idle functions each keep their own watermark
-- and cadence. Existing installations continue from the watermark they had, so nothing is fetched twice.
alter table collector_state add column function_watermark timestamp with time zone;
alter table collector_state add column idle_watermark timestamp with time zone;
alter table collector_state add column account_fetched_at timestamp with time zone;
alter table collector_state add column function_fetched_at timestamp with time zone;
alter table collector_state add column idle_fetched_at timestamp with time zone;
alter table collector_state add column account_series integer default 0 not null;
alter table collector_state add column active_function_series integer default 0 not null;
alter table collector_state add column idle_function_series integer default 0 not null;
update collector_state set function_watermark = watermark;

-- Discovery reports layers (they count against the 250 MB unzipped limit and the 5-layer limit) and VPC attachment.
alter table lambda_function add column layer_count integer default 0 not null;
alter table lambda_function add column layers_code_size_bytes bigint default 0 not null;
alter table lambda_function add column vpc_id varchar(64);
