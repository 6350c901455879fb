-- A version raised by every change of a function (its tags and configuration history included), so that readers
-- can keep the inventory between passes and check with one cheap query whether it changed.
alter table lambda_function add column version bigint default 0 not null;
