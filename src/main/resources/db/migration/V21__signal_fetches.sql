-- Fetches of the functions' series made because the account-level errors or throttles moved: how far the signal
-- has been looked at, and what those fetches cost (calls and metrics requested)
alter table collector_state add column signal_fetched_up_to timestamp with time zone;
alter table collector_state add column signal_fetches bigint not null default 0;
alter table collector_state add column signal_metrics bigint not null default 0;
