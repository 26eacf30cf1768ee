-- A job that a worker split off another (a part of a long video's conversion) names that job. Parts
-- are the parent's business: clients list and count the parents, and a parent's cancellation or end
-- reaches its parts.
alter table jobs add column parent_id uuid references jobs (id);
create index jobs_by_parent on jobs (parent_id) where parent_id is not null;
