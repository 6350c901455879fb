-- inventory: ephemeral storage (billed above 512 MB) and the history of what cost depends on, so that a function
-- whose memory changed mid-month is billed at the memory it had at each minute.
alter table lambda_function add column ephemeral_storage_mb integer default 512 not null;

create table function_configuration (
    function_id          bigint      not null references lambda_function (id) on delete cascade,
    valid_from           timestamp with time zone not null,
    memory_mb            integer     not null,
    architecture         varchar(10) not null,
    ephemeral_storage_mb integer     not null,
    primary key (function_id, valid_from)
);

-- what is known of functions discovered before this migration: their current configuration, since ever
insert into function_configuration (function_id, valid_from, memory_mb, architecture, ephemeral_storage_mb)
select id, timestamp with time zone '1970-01-01 00:00:00+00', memory_mb, architecture, ephemeral_storage_mb
from lambda_function;
