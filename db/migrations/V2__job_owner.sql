-- The user a job belongs to: its stream and its record are open to the owner, moderators and admins.
-- Named by the payload owner of the job's first status event that names one (or by the job's creator).
alter table jobs add column owner text;

create index jobs_owner_created_at_idx on jobs (owner, created_at desc);
