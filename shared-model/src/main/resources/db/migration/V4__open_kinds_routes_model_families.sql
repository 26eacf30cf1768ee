-- Job kinds are declared by job types in code, not listed here; a job also records the queue it
-- waits in (its route): the kind, and for kinds whose work runs on a network engine, the engine.
alter table jobs drop constraint jobs_kind_check;
update jobs set kind = lower(kind);
alter table jobs add column route text;
-- Every model so far is faceswap's Original on SameDiff, the only engine there was.
update jobs set route = case when kind in ('train', 'convert') then kind || '.samediff' else kind end;
alter table jobs alter column route set not null;
alter table jobs add constraint jobs_route_starts_with_kind check (route = kind or route like kind || '.%');

update job_outbox o set routing_key = j.route, payload = json_build_object('jobId', j.id, 'route', j.route)::text
from jobs j where j.id = o.job_id and o.published_at is null;

-- A model belongs to an architecture on an engine, learns from one or more face sets (each in a
-- role the family names: A and B for a two-identity autoencoder), and records named losses.
alter table models add column engine text not null default 'samediff';
alter table models alter column engine drop default;
alter table models add column losses jsonb not null default '{}'::jsonb;
update models set losses = jsonb_strip_nulls(jsonb_build_object('reconstructionA', loss_a, 'reconstructionB', loss_b));

create table model_face_sets (
    model_id     uuid not null references models (id) on delete cascade,
    role         text not null,
    face_set_id  uuid not null references face_sets (id),
    primary key (model_id, role)
);
insert into model_face_sets (model_id, role, face_set_id) select id, 'A', face_set_a from models;
insert into model_face_sets (model_id, role, face_set_id) select id, 'B', face_set_b from models;
alter table models drop column face_set_a, drop column face_set_b, drop column loss_a, drop column loss_b;

alter table model_losses add column losses jsonb;
update model_losses set losses = jsonb_build_object('reconstructionA', loss_a, 'reconstructionB', loss_b);
alter table model_losses alter column losses set not null;
alter table model_losses drop column loss_a, drop column loss_b;

-- A model row with its face sets by role, as the API shows it.
create view models_with_face_sets as
select m.*, (select jsonb_object_agg(f.role, f.face_set_id order by f.role) from model_face_sets f where f.model_id = m.id) as face_sets
from models m;
