-- A train job trains one model; the model's id is the job's id, so a resumed attempt continues it.
create table models (
    id                   uuid primary key references jobs (id) on delete cascade,
    tenant_id            uuid not null references tenants (id),
    face_set_a           uuid not null references face_sets (id),
    face_set_b           uuid not null references face_sets (id),
    architecture         text not null,
    options              jsonb not null,
    iteration            bigint not null default 0,
    loss_a               double precision,
    loss_b               double precision,
    best_loss            double precision,
    egs_per_second       double precision,
    checkpoint_key       text,
    best_checkpoint_key  text,
    preview_key          text,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now()
);
create index models_by_tenant on models (tenant_id, created_at desc);

-- The loss history the console plots; one row per recorded iteration, idempotent on resume.
create table model_losses (
    model_id     uuid not null references models (id) on delete cascade,
    iteration    bigint not null,
    loss_a       double precision not null,
    loss_b       double precision not null,
    recorded_at  timestamptz not null default now(),
    primary key (model_id, iteration)
);
