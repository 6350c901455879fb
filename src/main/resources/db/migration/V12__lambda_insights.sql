-- inventory: whether a function carries the Lambda Insights extension, so that its memory metrics are fetched
alter table lambda_function add column lambda_insights boolean default false not null;
