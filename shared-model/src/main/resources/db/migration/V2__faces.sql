-- Faces found by an extract job. They replace the face set's earlier faces when the job succeeds,
-- in the same transaction that marks the job SUCCEEDED, so a face set never shows half an extraction.
create table faces (
    id                uuid primary key,
    tenant_id         uuid not null references tenants (id),
    face_set_id       uuid not null references face_sets (id) on delete cascade,
    media_id          uuid not null references media (id) on delete cascade,
    job_id            uuid not null references jobs (id),
    frame_index       bigint not null,
    timestamp_ms      bigint,
    face_index        int not null,
    crop_key          text not null,
    mask_key          text not null,
    crop_size         int not null,
    coverage          text not null,
    box               jsonb not null,
    landmarks         jsonb not null,
    to_crop           jsonb not null,
    detection_score   double precision not null,
    blur              double precision not null,
    face_size         double precision not null,
    yaw               double precision not null,
    pitch             double precision not null,
    embedding         real[] not null,
    identity_distance double precision,
    created_at        timestamptz not null default now()
);
create index faces_by_face_set on faces (face_set_id, frame_index, face_index);

alter table face_sets add column reference_face_id uuid references faces (id) on delete set null;
