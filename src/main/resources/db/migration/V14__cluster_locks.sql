-- ShedLock's table: scheduled work (collection, evaluation, deliveries, budgets, retention) runs once per cycle
-- across every instance sharing this database
create table shedlock (
    name       varchar(64)  not null,
    lock_until timestamp    not null,
    locked_at  timestamp    not null,
    locked_by  varchar(255) not null,
    constraint pk_shedlock primary key (name)
);
