-- Since when a work unit's runs have failed without a success between (null while it works): the built-in
-- "Discovery failing" rule reads it.
alter table work_unit add column failing_since timestamp with time zone;
