-- Where a model's first weights came from, when its train job started from another model
-- (baseModel): that model's id, architecture, iteration and the parts copied. No foreign key: the
-- record stays when the base is deleted, as the weights it gave do.
alter table models add column base_model jsonb;

-- The view's m.* was expanded when it was made; made again, it has the new column.
drop view models_with_face_sets;
create view models_with_face_sets as
select m.*, (select jsonb_object_agg(f.role, f.face_set_id order by f.role) from model_face_sets f where f.model_id = m.id) as face_sets
from models m;
