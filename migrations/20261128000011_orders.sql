-- Orders: a buyer's purchase from one merchant, its snapshot of what was bought, every
-- move along its state machine as an event, the merchant's deliveries, and one review.

create table orders (
    order_id         bigint generated always as identity primary key,
    buyer_id         bigint not null references app_user (app_user_id),
    merchant_id      bigint not null references merchant (merchant_id),
    listing_id       bigint references listing (listing_id) on delete set null,
    -- Rendered into the order form: the same key from the same buyer is the same order.
    idempotency_key  text not null check (char_length(idempotency_key) between 16 and 64),
    -- What was bought, as it was when it was bought.
    title_zh         text not null check (char_length(title_zh) between 1 and 160),
    title_en         text not null check (char_length(title_en) between 1 and 200),
    pricing_model    text not null check (pricing_model in ('fixed', 'subscription', 'per-call', 'quote')),
    unit_price_fen   bigint not null check (unit_price_fen >= 0),
    quantity         integer not null check (quantity between 1 and 100000),
    total_fen        bigint not null,
    licence_terms    text not null,
    status           text not null default 'placed' check (status in
        ('placed', 'accepted', 'rejected', 'cancelled', 'delivered', 'completed')),
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    constraint orders_total_is_price_times_quantity check (total_fen = unit_price_fen * quantity),
    constraint orders_buyer_key unique (buyer_id, idempotency_key)
);

create index orders_buyer_idx on orders (buyer_id, order_id desc);
create index orders_buyer_status_idx on orders (buyer_id, status, order_id desc);
create index orders_merchant_idx on orders (merchant_id, order_id desc);
create index orders_merchant_status_idx on orders (merchant_id, status, order_id desc);

create trigger orders_set_updated_at
    before update on orders
    for each row execute function set_updated_at();

create table order_event (
    order_event_id  bigint generated always as identity primary key,
    order_id        bigint not null references orders (order_id) on delete cascade,
    actor_id        bigint references app_user (app_user_id) on delete set null,
    from_status     text,
    to_status       text not null,
    note            text,
    created_at      timestamptz not null default now()
);

create index order_event_order_idx on order_event (order_id, order_event_id);

create table delivery (
    delivery_id  bigint generated always as identity primary key,
    order_id     bigint not null references orders (order_id) on delete cascade,
    author_id    bigint references app_user (app_user_id) on delete set null,
    note         text not null check (char_length(note) between 1 and 4000),
    created_at   timestamptz not null default now()
);

create index delivery_order_idx on delivery (order_id, delivery_id);

-- One review per completed order, by its buyer.
create table review (
    order_id     bigint primary key references orders (order_id) on delete cascade,
    merchant_id  bigint not null references merchant (merchant_id) on delete cascade,
    buyer_id     bigint not null references app_user (app_user_id),
    stars        smallint not null check (stars between 1 and 5),
    comment      text not null default '' check (char_length(comment) <= 2000),
    created_at   timestamptz not null default now()
);

create index review_merchant_idx on review (merchant_id, created_at desc);

-- A merchant's rating, kept in step with its reviews in the review's transaction, so
-- that cards and profiles read it without counting.
alter table merchant
    add column review_count integer not null default 0 check (review_count >= 0),
    add column review_stars integer not null default 0 check (review_stars >= 0);
