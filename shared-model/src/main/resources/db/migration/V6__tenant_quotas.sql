-- Per-tenant limits; a null column falls back to doppel.quotas.*, and 0 there means no limit.
create table tenant_quotas (
    tenant_id               uuid primary key references tenants (id),
    active_jobs             int check (active_jobs >= 0),
    submissions_per_minute  int check (submissions_per_minute >= 0),
    stored_bytes            bigint check (stored_bytes >= 0),
    updated_at              timestamptz not null default now()
);
