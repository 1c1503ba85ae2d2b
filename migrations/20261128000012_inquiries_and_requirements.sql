-- Asking before buying: a buyer's inquiry to one merchant with its thread of messages,
-- a buyer's broadcast requirement to every approved merchant of a field, and the
-- merchants' quotes on either; an accepted quote becomes an order at its price.

create table inquiry (
    inquiry_id    bigint generated always as identity primary key,
    buyer_id      bigint not null references app_user (app_user_id),
    merchant_id   bigint not null references merchant (merchant_id),
    listing_id    bigint references listing (listing_id) on delete set null,
    subject       text not null check (char_length(subject) between 1 and 160),
    quantity      integer check (quantity between 1 and 100000),
    budget_fen    bigint check (budget_fen >= 0),
    deadline      date,
    status        text not null default 'open' check (status in ('open', 'answered', 'closed')),
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);

create index inquiry_buyer_idx on inquiry (buyer_id, inquiry_id desc);
create index inquiry_merchant_idx on inquiry (merchant_id, inquiry_id desc);

create trigger inquiry_set_updated_at
    before update on inquiry
    for each row execute function set_updated_at();

create table inquiry_message (
    inquiry_message_id  bigint generated always as identity primary key,
    inquiry_id          bigint not null references inquiry (inquiry_id) on delete cascade,
    author_id           bigint references app_user (app_user_id) on delete set null,
    body                text not null check (char_length(body) between 1 and 4000),
    created_at          timestamptz not null default now()
);

create index inquiry_message_inquiry_idx on inquiry_message (inquiry_id, inquiry_message_id);

create table requirement (
    requirement_id  bigint generated always as identity primary key,
    buyer_id        bigint not null references app_user (app_user_id),
    title           text not null check (char_length(title) between 1 and 160),
    description     text not null check (char_length(description) between 1 and 4000),
    service_field   text not null check (service_field in
        ('data-technology', 'product-development', 'operation', 'circulation', 'security')),
    industries      text[] not null default '{}' check (industries <@ array[
        'manufacturing', 'textiles', 'automotive', 'chemicals', 'electronics', 'equipment', 'logistics',
        'retail', 'finance', 'healthcare', 'agriculture', 'energy', 'public-sector']),
    budget_min_fen  bigint check (budget_min_fen >= 0),
    budget_max_fen  bigint check (budget_max_fen >= 0),
    deadline        date not null,
    status          text not null default 'open' check (status in ('open', 'awarded', 'closed', 'expired')),
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    constraint requirement_budget_range check (budget_min_fen <= budget_max_fen)
);

create index requirement_open_idx on requirement (service_field, requirement_id desc) where status = 'open';
create index requirement_buyer_idx on requirement (buyer_id, requirement_id desc);

create trigger requirement_set_updated_at
    before update on requirement
    for each row execute function set_updated_at();

-- A merchant's offer, on an inquiry or on a requirement (exactly one of the two).
create table quote (
    quote_id        bigint generated always as identity primary key,
    inquiry_id      bigint references inquiry (inquiry_id) on delete cascade,
    requirement_id  bigint references requirement (requirement_id) on delete cascade,
    merchant_id     bigint not null references merchant (merchant_id),
    author_id       bigint references app_user (app_user_id) on delete set null,
    pricing_model   text not null check (pricing_model in ('fixed', 'subscription', 'per-call')),
    unit_price_fen  bigint not null check (unit_price_fen >= 0),
    quantity        integer not null check (quantity between 1 and 100000),
    delivery_days   integer not null check (delivery_days between 1 and 3650),
    terms           text not null check (char_length(terms) <= 4000),
    valid_until     date not null,
    status          text not null default 'offered' check (status in
        ('offered', 'accepted', 'declined', 'expired', 'not-selected')),
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    constraint quote_has_one_subject check ((inquiry_id is null) <> (requirement_id is null))
);

create index quote_inquiry_idx on quote (inquiry_id, quote_id) where inquiry_id is not null;
create index quote_requirement_idx on quote (requirement_id, quote_id) where requirement_id is not null;
-- One live quote per merchant on a requirement; it is revised in place.
create unique index quote_one_live_per_merchant on quote (requirement_id, merchant_id)
    where requirement_id is not null and status = 'offered';

create trigger quote_set_updated_at
    before update on quote
    for each row execute function set_updated_at();

-- The order an accepted quote became (at most one).
alter table orders add column quote_id bigint unique references quote (quote_id);
