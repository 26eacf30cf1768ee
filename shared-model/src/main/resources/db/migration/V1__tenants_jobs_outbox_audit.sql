create table tenants (
    id          uuid primary key,
    name        text not null unique,
    created_at  timestamptz not null default now()
);

-- Keys are stored as SHA-256 hashes: a database leak must not hand out working credentials.
create table api_keys (
    id          uuid primary key,
    tenant_id   uuid not null references tenants (id),
    name        text not null,
    key_hash    text not null unique,
    created_at  timestamptz not null default now(),
    revoked_at  timestamptz
);

create table face_sets (
    id                   uuid primary key,
    tenant_id            uuid not null references tenants (id),
    name                 text not null,
    consent_attested_by  text not null,
    consent_statement    text not null,
    consent_attested_at  timestamptz not null,
    created_by_key       uuid not null references api_keys (id),
    created_at           timestamptz not null default now(),
    version              bigint not null default 0
);
create index face_sets_by_tenant on face_sets (tenant_id, created_at desc);

create table media (
    id            uuid primary key,
    tenant_id     uuid not null references tenants (id),
    face_set_id   uuid not null references face_sets (id) on delete cascade,
    kind          text not null check (kind in ('IMAGE', 'VIDEO')),
    format        text not null,
    original_name text,
    object_key    text not null,
    bytes         bigint not null,
    width         int not null,
    height        int not null,
    duration_ms   bigint,
    sha256        text not null,
    created_at    timestamptz not null default now()
);
create index media_by_face_set on media (face_set_id, created_at);

-- The ledger: the single source of truth for every job. Every transition is a conditional UPDATE.
create table jobs (
    id                uuid primary key,
    tenant_id         uuid not null references tenants (id),
    kind              text not null check (kind in ('EXTRACT', 'TRAIN', 'CONVERT')),
    state             text not null check (state in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    parameters        jsonb not null,
    submitted_by_key  uuid references api_keys (id),
    stage             text,
    progress          double precision not null default 0 check (progress between 0 and 1),
    eta_seconds       bigint,
    metrics           jsonb not null default '{}'::jsonb,
    previews          jsonb not null default '[]'::jsonb,
    result            jsonb,
    error_type        text,
    error_detail      text,
    attempt           int not null default 0,
    max_attempts      int not null,
    lease_owner       text,
    lease_expires_at  timestamptz,
    heartbeat_at      timestamptz,
    cancel_requested  boolean not null default false,
    created_at        timestamptz not null default now(),
    queued_at         timestamptz not null default now(),
    started_at        timestamptz,
    finished_at       timestamptz,
    updated_at        timestamptz not null default now()
);
create index jobs_by_tenant on jobs (tenant_id, created_at desc, id desc);
create index jobs_running_leases on jobs (lease_expires_at) where state = 'RUNNING';
create index jobs_queued on jobs (queued_at) where state = 'QUEUED';

-- Transactional outbox: written with the job, published by the relay with publisher confirms.
create table job_outbox (
    id            bigserial primary key,
    job_id        uuid not null references jobs (id) on delete cascade,
    routing_key   text not null,
    payload       text not null,
    created_at    timestamptz not null default now(),
    published_at  timestamptz,
    attempts      int not null default 0,
    last_error    text
);
create index job_outbox_pending on job_outbox (id) where published_at is null;

create table idempotency_keys (
    tenant_id     uuid not null references tenants (id),
    key           text not null,
    request_hash  text not null,
    job_id        uuid not null references jobs (id) on delete cascade,
    created_at    timestamptz not null default now(),
    primary key (tenant_id, key)
);

create table audit_log (
    id           bigserial primary key,
    tenant_id    uuid not null references tenants (id),
    api_key_id   uuid references api_keys (id),
    action       text not null,
    subject_type text not null,
    subject_id   text not null,
    detail       jsonb not null default '{}'::jsonb,
    at           timestamptz not null default now()
);
create index audit_log_by_tenant on audit_log (tenant_id, at desc);

-- Append-only, enforced by the database rather than by code discipline.
create function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only';
end;
$$;
create trigger audit_log_no_update before update or delete on audit_log
    for each row execute function audit_log_is_append_only();
