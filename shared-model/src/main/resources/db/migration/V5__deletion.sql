-- Deleting a face set waits for the jobs it cancelled to stop; meanwhile it is hidden and takes no new jobs.
alter table face_sets add column deleting_since timestamptz;

-- A job whose outputs were deleted keeps its row (what ran, when, for whom), never the data.
alter table jobs add column data_deleted_at timestamptz;

-- Store objects to remove, written in the transaction that deletes their rows, so a crash between
-- the two leaves a to-do rather than an orphan; the sweeper works the list off.
create table object_deletions (
    id          bigserial primary key,
    tenant_id   uuid not null references tenants (id),
    prefix      text not null,
    created_at  timestamptz not null default now()
);
