-- An alert's row changes only with its state (steady passes write nothing), so this always equalled state_since.
alter table alert drop column last_evaluated_at;
