-- Silences and budgets declared in provisioning files carry the file's name, as rules and channels do (V36).
alter table silence add column provisioned_from varchar(255);
alter table budget add column provisioned_from varchar(255);
