-- metrics: every write of an hour gives its pending mark a new number from this sequence, so that a roll-up deletes
-- the mark only if it is still the one it read (compare-and-delete): a write that commits while the hour is rolled up
-- leaves a different number behind and keeps the hour pending. Wall-clock times could not tell such a write apart.
create sequence rollup_mark start with 1;
