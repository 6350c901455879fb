-- A rule may name the channels it notifies (comma-separated ids); none named means every channel whose minimum
-- severity the rule meets.
alter table alert_rule add column channel_ids varchar(500);
