-- Rules and channels declared in provisioning files carry the file's name: read-only elsewhere, removed with it.
alter table alert_rule add column provisioned_from varchar(255);
alter table channel add column provisioned_from varchar(255);
