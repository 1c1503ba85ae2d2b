-- The one formula for a search document, used by every write path (the seed's bulk COPY,
-- the repositories, the test builders): the heading's terms (names, titles) weighted A,
-- the body's weighted B. The terms themselves come from `app::search::DocumentTerms`.
create function search_document(heading_terms text, body_terms text) returns tsvector
    language sql immutable parallel safe
    return setweight(to_tsvector('simple', heading_terms), 'A')
        || setweight(to_tsvector('simple', body_terms), 'B');
