-- What a key may do (read, submit, admin) and when it was last used; keys from before keep every scope.
alter table api_keys add column scopes text[] not null default '{read,submit,admin}';
alter table api_keys add column last_used_at timestamptz;
-- The operator's tenant (the bootstrap key's) may create other tenants.
alter table tenants add column operator boolean not null default false;
