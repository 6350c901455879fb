-- One row per work unit (collection or discovery of one account and region): who ran it last, when, how long, when
-- it runs next and how it ended. Written only by the instance holding the unit's ShedLock lease.
create table work_unit (
    name            varchar(64)  not null,
    kind            varchar(16)  not null,
    account_id      varchar(12)  not null,
    region          varchar(32)  not null,
    owner           varchar(100),
    started_at      timestamp with time zone,
    ended_at        timestamp with time zone,
    duration_ms     bigint,
    next_run_at     timestamp with time zone,
    last_success_at timestamp with time zone,
    last_error      varchar(1000),
    last_error_at   timestamp with time zone,
    detail          varchar(4000),
    full_refresh_at timestamp with time zone,
    runs            bigint       not null default 0,
    takeovers       bigint       not null default 0,
    constraint pk_work_unit primary key (name)
);
