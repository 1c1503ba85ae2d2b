-- Teams by invitation (#24): an owner invites an address, and the person behind it joins
-- only by accepting, signed in with a verified account of that address. Nobody is put
-- in a team without saying yes.

create table team_invitation (
    team_invitation_id bigint generated always as identity primary key,
    merchant_id  bigint not null references merchant (merchant_id) on delete cascade,
    -- The address invited, trimmed and lower-cased as `app_user.email` is: an invitation
    -- is answered only by the verified account of exactly this address.
    email        text not null check (char_length(email) between 3 and 254 and email = lower(btrim(email))),
    -- The owner who invited; kept as null if that account is ever deleted.
    invited_by   bigint references app_user (app_user_id) on delete set null,
    status       text not null default 'pending'
                 check (status in ('pending', 'accepted', 'declined', 'withdrawn')),
    -- When it stopped waiting (answered or withdrawn).
    closed_at    timestamptz check ((status = 'pending') = (closed_at is null)),
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now()
);

-- Inviting an address that is waiting already changes nothing.
create unique index team_invitation_one_pending on team_invitation (merchant_id, email)
    where status = 'pending';
-- The invitee's list, and the owner's (pending first, newest first).
create index team_invitation_email_idx on team_invitation (email) where status = 'pending';
create index team_invitation_merchant_idx on team_invitation (merchant_id, created_at desc);

create trigger team_invitation_set_updated_at
    before update on team_invitation
    for each row execute function set_updated_at();

-- The invitation mail goes through the outbox too, written in the inviting transaction
-- and sent after it commits. It is addressed to the invitation, not to an account:
-- the address may have none yet.
alter table mail_outbox
    alter column notification_id drop not null,
    add column team_invitation_id bigint unique
        references team_invitation (team_invitation_id) on delete cascade,
    add constraint mail_outbox_one_subject
        check (num_nonnulls(notification_id, team_invitation_id) = 1);
