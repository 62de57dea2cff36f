-- dateline corpus store, schema version 1. One SQLite file in WAL mode.
-- Per-document layers reference documents(id); corpus-level tables are derived from them
-- and kept up to date by every ingest, inside the same transaction.

CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL UNIQUE,          -- the document's own id
    doc_key TEXT NOT NULL UNIQUE,         -- url:… or text:<hash>: what a newer version replaces
    input_hash TEXT NOT NULL,             -- hash of the input article: a re-ingest skips it
    json_hash TEXT NOT NULL,              -- hash of the stored document JSON
    url TEXT,
    path TEXT,
    title TEXT,
    published TEXT,
    published_date TEXT,                  -- YYYY-MM-DD or NULL
    ingested_at TEXT NOT NULL,
    json TEXT NOT NULL                    -- the whole dateline.document/1 JSON
);
CREATE INDEX IF NOT EXISTS documents_input ON documents(input_hash);
CREATE INDEX IF NOT EXISTS documents_published ON documents(published_date);

CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(title, text, tokenize = 'unicode61 remove_diacritics 2');

CREATE TABLE IF NOT EXISTS corpus_entities (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    family TEXT NOT NULL,                 -- PERSON, ORG, PLACE (GPE+LOC), …
    norm TEXT NOT NULL,                   -- normalised name key
    surname TEXT,                         -- people: the last word of norm
    codes TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS corpus_entities_norm ON corpus_entities(family, norm);
-- Name lookups whatever the type (a query for "Jordan"); added to older stores when opened.
CREATE INDEX IF NOT EXISTS corpus_entities_name_key ON corpus_entities(norm);
CREATE INDEX IF NOT EXISTS corpus_entities_surname ON corpus_entities(surname) WHERE surname IS NOT NULL;

-- Every name of every corpus entity (its name and aliases), for search by name words.
-- rowid = corpus_entities.id. Added to version 1 stores when they are opened (Store::init).
CREATE VIRTUAL TABLE IF NOT EXISTS entity_names_fts USING fts5(names, tokenize = 'unicode61 remove_diacritics 2');

CREATE TABLE IF NOT EXISTS entity_codes (
    corpus_id INTEGER NOT NULL REFERENCES corpus_entities(id),
    scheme TEXT NOT NULL,
    code TEXT NOT NULL,
    PRIMARY KEY (scheme, code, corpus_id)
);
CREATE INDEX IF NOT EXISTS entity_codes_entity ON entity_codes(corpus_id);

CREATE TABLE IF NOT EXISTS entities (
    doc INTEGER NOT NULL REFERENCES documents(id),
    local_id TEXT NOT NULL,
    corpus_id INTEGER NOT NULL REFERENCES corpus_entities(id),
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (doc, local_id)
);
CREATE INDEX IF NOT EXISTS entities_corpus ON entities(corpus_id);

CREATE TABLE IF NOT EXISTS mentions (
    doc INTEGER NOT NULL REFERENCES documents(id),
    entity TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions(doc);

-- Every name a corpus entity was called by, per document, with the date it was seen.
CREATE TABLE IF NOT EXISTS aliases (
    corpus_id INTEGER NOT NULL REFERENCES corpus_entities(id),
    doc INTEGER NOT NULL REFERENCES documents(id),
    alias TEXT NOT NULL,
    norm TEXT NOT NULL,
    seen TEXT
);
CREATE INDEX IF NOT EXISTS aliases_norm ON aliases(norm);
CREATE INDEX IF NOT EXISTS aliases_entity ON aliases(corpus_id);
CREATE INDEX IF NOT EXISTS aliases_doc ON aliases(doc);

CREATE TABLE IF NOT EXISTS roles (
    doc INTEGER NOT NULL REFERENCES documents(id),
    entity TEXT NOT NULL,
    corpus_id INTEGER NOT NULL REFERENCES corpus_entities(id),
    title TEXT NOT NULL,
    of_name TEXT,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    seen TEXT
);
CREATE INDEX IF NOT EXISTS roles_entity ON roles(corpus_id);
CREATE INDEX IF NOT EXISTS roles_doc ON roles(doc);

CREATE TABLE IF NOT EXISTS times (
    doc INTEGER NOT NULL REFERENCES documents(id),
    local_id TEXT NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    type TEXT NOT NULL,
    value TEXT NOT NULL,
    mod TEXT,
    anchor TEXT NOT NULL,
    PRIMARY KEY (doc, local_id)
);

CREATE TABLE IF NOT EXISTS quotes (
    id INTEGER PRIMARY KEY,
    doc INTEGER NOT NULL REFERENCES documents(id),
    local_id TEXT NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    kind TEXT NOT NULL,
    speaker_local TEXT,
    speaker_corpus INTEGER REFERENCES corpus_entities(id),
    speaker_text TEXT,
    cue TEXT
);
CREATE INDEX IF NOT EXISTS quotes_doc ON quotes(doc);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker_corpus);
CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5(text, tokenize = 'unicode61 remove_diacritics 2');

CREATE TABLE IF NOT EXISTS corpus_events (
    id INTEGER PRIMARY KEY,
    type TEXT NOT NULL,
    mode TEXT,
    status TEXT NOT NULL,
    label TEXT NOT NULL,
    time_value TEXT,                      -- the narrowest resolved TIMEX3 value among its reports
    date_start TEXT,                      -- first day of that time (YYYY-MM-DD)
    date_end TEXT,                        -- last day of that time, inclusive
    first_reported TEXT,
    last_reported TEXT,
    sources INTEGER NOT NULL,             -- number of reports (document events)
    documents INTEGER NOT NULL,           -- number of distinct documents
    history TEXT NOT NULL                 -- JSON: status changes in publication order
);
CREATE INDEX IF NOT EXISTS corpus_events_type ON corpus_events(type);
CREATE INDEX IF NOT EXISTS corpus_events_when ON corpus_events(date_start);

CREATE TABLE IF NOT EXISTS corpus_event_actors (
    event_id INTEGER NOT NULL REFERENCES corpus_events(id),
    entity_id INTEGER NOT NULL REFERENCES corpus_entities(id),
    role TEXT NOT NULL,
    PRIMARY KEY (event_id, entity_id, role)
);
CREATE INDEX IF NOT EXISTS corpus_event_actors_entity ON corpus_event_actors(entity_id);

-- Each document event is one report (source) of a corpus event.
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY,
    doc INTEGER NOT NULL REFERENCES documents(id),
    local_id TEXT NOT NULL,
    corpus_event INTEGER NOT NULL REFERENCES corpus_events(id),
    type TEXT NOT NULL,
    mode TEXT,
    status TEXT NOT NULL,
    trigger_text TEXT NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    time_local TEXT,
    time_text TEXT,
    time_value TEXT,
    time_mod TEXT,
    place TEXT,
    sentence INTEGER NOT NULL,
    sentence_text TEXT NOT NULL,
    quotes TEXT NOT NULL,                 -- JSON list of the document's quote ids
    published_date TEXT
);
CREATE INDEX IF NOT EXISTS events_doc ON events(doc);
CREATE INDEX IF NOT EXISTS events_corpus ON events(corpus_event);
CREATE VIRTUAL TABLE IF NOT EXISTS events_fts USING fts5(sentence, tokenize = 'unicode61 remove_diacritics 2');

CREATE TABLE IF NOT EXISTS event_actors (
    event INTEGER NOT NULL REFERENCES events(id),
    entity TEXT NOT NULL,
    corpus_id INTEGER REFERENCES corpus_entities(id),
    role TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS event_actors_event ON event_actors(event);

-- Every report of every corpus event, with the document it came from.
CREATE VIEW IF NOT EXISTS event_sources AS
    SELECT e.corpus_event, e.id AS event, d.doc_id AS document, d.title, d.url, d.published_date,
           e.local_id, e.status, e.trigger_text, e.time_value, e.sentence_text
    FROM events e JOIN documents d ON d.id = e.doc;
