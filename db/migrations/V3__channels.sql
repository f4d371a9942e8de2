-- Channels and their members: the durable side of issue 5 (docs/presence.md). Who is online now
-- lives in Redis (presence:* keys), never here. Written by io.pneumatic.api.channels.

-- One row per channel.
create table channels (
    id           text        primary key,          -- [A-Za-z0-9_-]{1,64}, the {channel} of /topic/channels.{channel}
    kind         text        not null check (kind in ('public', 'private', 'presence')),
    name         text        not null,
    owner        text        not null,             -- the user who created it; may invite
    max_members  integer     not null check (max_members > 0),
    member_count integer     not null default 0,   -- kept with channel_members in one transaction
    created_at   timestamptz not null,
    check (member_count between 0 and max_members) -- the last guard of max members
);

-- Who belongs to which channel.
create table channel_members (
    channel_id text        not null references channels (id) on delete cascade,
    user_id    text        not null,
    role       text        not null check (role in ('owner', 'member')),
    joined_at  timestamptz not null,
    primary key (channel_id, user_id)
);

create index channel_members_user_idx on channel_members (user_id);

-- The well-known channel where workers and AI agents show their presence and capabilities.
insert into channels (id, kind, name, owner, max_members, created_at)
values ('agents', 'presence', 'Agents', 'system', 100000, now());
