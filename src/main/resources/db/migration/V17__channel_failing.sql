-- A channel whose deliveries are refused for good (a webhook deleted, 404/410) is marked failing until one gets
-- through, so the Channels page and the built-in alert can say so.
alter table channel add column failing_since timestamp with time zone;
alter table channel add column failing_reason varchar(1000);
