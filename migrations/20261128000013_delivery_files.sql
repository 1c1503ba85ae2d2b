-- Files delivered with an order: kept in the object store under random keys, named
-- here with the name the merchant's browser gave them.

create table delivery_file (
    delivery_file_id  bigint generated always as identity primary key,
    delivery_id       bigint not null references delivery (delivery_id) on delete cascade,
    storage_key       text not null unique check (char_length(storage_key) between 1 and 200),
    file_name         text not null check (char_length(file_name) between 1 and 200),
    size_bytes        bigint not null check (size_bytes between 0 and 52428800),
    created_at        timestamptz not null default now()
);

create index delivery_file_delivery_idx on delivery_file (delivery_id, delivery_file_id);
