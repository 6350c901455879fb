-- One notification now lists every alert of a rule that changed together: room for forty functions and more.
alter table delivery alter column payload set data type varchar(200000);
