-- Attachments on group feed posts: photos and PDF documents, stored in PostgreSQL (bytea) so both
-- engines keep them outside the web root. The content decided the type (see guidance/attachments.ts).
create table guidance_feed_attachments (
  id uuid primary key default gen_random_uuid(),
  post_id uuid not null references guidance_feed_posts (id) on delete cascade,
  uploader_id uuid references users (id) on delete set null,
  filename text not null check (length(filename) between 1 and 200),
  media_type text not null,
  size_bytes integer not null check (size_bytes > 0),
  content bytea not null,
  -- the order in which the files were sent, which is the order they are shown in
  position smallint not null default 0,
  created_at timestamptz not null
);
create index guidance_feed_attachments_post on guidance_feed_attachments (post_id);
