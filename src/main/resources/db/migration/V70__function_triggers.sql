-- inventory: what invokes each function and where its events go (issue 19). Read for new and changed functions at
-- discovery (mappings: every discovery, one listing per region); they decide which optional metrics are fetched.
alter table lambda_function add column revision_id varchar(64);
alter table lambda_function add column code_sha256 varchar(64);

create table event_source_mapping (
    account_id                 varchar(12)   not null,
    region                     varchar(32)   not null,
    uuid                       varchar(64)   not null,
    function_name              varchar(170)  not null,
    qualifier                  varchar(128),
    source_arn                 varchar(1000) not null,
    kind                       varchar(20)   not null,
    state                      varchar(20)   not null,
    batch_size                 integer,
    batching_window_seconds    integer,
    filters                    varchar(8000) not null,
    on_failure_destination     varchar(400),
    metrics                    varchar(200)  not null,
    maximum_record_age_seconds integer,
    last_modified              timestamp with time zone,
    primary key (account_id, region, uuid)
);
create index ix_event_source_mapping_function on event_source_mapping (account_id, region, function_name);

-- one row per function whose invocation setup was read; absent: never read (nothing known)
create table function_invocation (
    account_id                varchar(12)  not null,
    region                    varchar(32)  not null,
    function_name             varchar(170) not null,
    async_configured          boolean      not null,
    maximum_event_age_seconds integer,
    maximum_retry_attempts    integer,
    on_success                varchar(400),
    on_failure                varchar(400),
    dead_letter_target        varchar(400),
    async_sources             varchar(1000) not null,
    read_at                   timestamp with time zone not null,
    primary key (account_id, region, function_name)
);

create table function_alias (
    account_id         varchar(12)  not null,
    region             varchar(32)  not null,
    function_name      varchar(170) not null,
    alias_name         varchar(128) not null,
    version            varchar(32)  not null,
    additional_weights varchar(2000) not null,
    primary key (account_id, region, function_name, alias_name)
);

create table function_version (
    account_id    varchar(12)  not null,
    region        varchar(32)  not null,
    function_name varchar(170) not null,
    version       varchar(32)  not null,
    code_sha256   varchar(64),
    memory_mb     integer      not null,
    last_modified timestamp with time zone,
    primary key (account_id, region, function_name, version)
);

create table provisioned_concurrency (
    account_id    varchar(12)  not null,
    region        varchar(32)  not null,
    function_name varchar(170) not null,
    qualifier     varchar(128) not null,
    requested     integer      not null,
    allocated     integer      not null,
    status        varchar(20)  not null,
    last_modified timestamp with time zone,
    primary key (account_id, region, function_name, qualifier)
);
