-- the zone a channel's messages write times in, for the people reading them (an IANA id); null is UTC
alter table channel add column time_zone varchar(64);
