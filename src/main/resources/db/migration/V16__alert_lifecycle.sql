-- A deleted rule keeps its alerts and their history (deleted_at set) unless asked to drop them; a rule may ask a
-- breach to last (pending for) before it fires and a recovery to last (keep firing for) before it resolves.
alter table alert_rule add column deleted_at timestamp with time zone;
alter table alert_rule add column pending_for_seconds integer default 0 not null;
alter table alert_rule add column keep_firing_for_seconds integer default 0 not null;
alter table alert add column breach_since timestamp with time zone;
alter table alert add column recovery_since timestamp with time zone;

-- How far the collector has stored each target's series (function_name '' for the account level): a rule judges
-- a target's periods only up to here, so a period not fetched yet is never taken for missing data.
create table collected_watermark (
    account_id      varchar(12)  not null,
    region          varchar(32)  not null,
    function_name   varchar(170) not null,
    collected_until timestamp with time zone not null,
    constraint pk_collected_watermark primary key (account_id, region, function_name)
);
