-- When each firing alert last reached its channels, so that reminders go out every repeat interval.
create table alert_notified (
    alert_id         bigint primary key references alert (id) on delete cascade,
    last_notified_at timestamp with time zone not null
);
