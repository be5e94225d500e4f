-- The store's tables: the same DDL for embedded chDB (ClickHouse 26.7) and
-- a ClickHouse server as old as 18.16, so only the portable subset is used:
-- no LowCardinality, DateTime64, Bool, Map, CODEC or TTL. Money is Decimal,
-- never Float. Rows of one document share its doc_id (the SHA-256 of its
-- bytes) and the version of the load that wrote them. documents keeps one
-- row per document, the newest (ReplacingMergeTree, read with FINAL); the
-- other tables keep every version apart (version is in their sorting key,
-- so merges never fold one load's rows into another's), and the v_ views
-- below show the version documents names. {db} is replaced with the
-- database name. A column added to a table here is added to the tables of
-- an older store when it is opened (Migrations); it reads '' (or 0) in the
-- rows loaded before it.
--
-- A fact row carries its document's department, year, kind, scope and
-- file (denormalized at load, from the same documents row it is versioned
-- with), so that v_facts answers a comparison without a JOIN. The
-- dictionaries (metrics, measures, functions) are the embedded lexicon and
-- catalogue, written whole when a store is opened and differs from them;
-- one row per key (ReplacingMergeTree, merged at once) even when two
-- processes open a new store together.
-- A fact's x0, y0, x1, y1 are the box its figure was printed in on its
-- page, in points from the page's top-left corner (normalize.Where): 0 when
-- not known (formats without pages, text copies, charts, rows loaded before
-- the columns were added). Decimal, as every number here: Float is outside
-- the subset both stores are tested on.
-- docs/schema.md describes every column.
CREATE TABLE IF NOT EXISTS {db}.documents (
    id String,
    file String,
    format String,
    pages UInt32,
    department String,
    region String,
    year UInt16,
    kind String,
    scope String,
    extractor String,
    status String,
    error String,
    source_url String,
    facts UInt32,
    findings UInt32,
    version UInt64,
    ingested_at DateTime('UTC'),
    department_id String,
    department_name String,
    level String,
    problems Array(String)
) ENGINE = ReplacingMergeTree(version) ORDER BY (id);

CREATE TABLE IF NOT EXISTS {db}.facts (
    doc_id String,
    seq UInt32,
    metric String,
    measure String,
    subject String,
    code String,
    value Decimal(38, 4),
    unit String,
    raw String,
    method String,
    basis String,
    reason String,
    page UInt32,
    block UInt32,
    row UInt32,
    col UInt32,
    text String,
    version UInt64,
    department_id String,
    department String,
    department_name String,
    region String,
    year UInt16,
    kind String,
    scope String,
    file String,
    x0 Decimal(9, 2),
    y0 Decimal(9, 2),
    x1 Decimal(9, 2),
    y1 Decimal(9, 2)
) ENGINE = MergeTree() ORDER BY (metric, department_id, year, doc_id, version, seq);

CREATE TABLE IF NOT EXISTS {db}.findings (
    doc_id String,
    seq UInt32,
    rule String,
    severity String,
    message String,
    expected Nullable(Decimal(38, 4)),
    actual Decimal(38, 4),
    facts Array(UInt32),
    page UInt32,
    version UInt64
) ENGINE = MergeTree() ORDER BY (doc_id, version, seq);

CREATE TABLE IF NOT EXISTS {db}.blocks (
    doc_id String,
    seq UInt32,
    page UInt32,
    kind String,
    level UInt8,
    text String,
    tokens Array(String),
    version UInt64
) ENGINE = MergeTree() ORDER BY (doc_id, version, seq);

CREATE TABLE IF NOT EXISTS {db}.metrics (
    key String,
    name String,
    measures Array(String),
    unit String,
    source String
) ENGINE = ReplacingMergeTree() ORDER BY (key);

CREATE TABLE IF NOT EXISTS {db}.measures (
    measure String,
    name String,
    unit String,
    source String
) ENGINE = ReplacingMergeTree() ORDER BY (measure);

CREATE TABLE IF NOT EXISTS {db}.functions (
    code String,
    name String,
    former_names Array(String),
    level String,
    parent String,
    source String
) ENGINE = ReplacingMergeTree() ORDER BY (code);

-- The current rows: a document's rows of the version its documents row
-- names. Rows of an interrupted or superseded load stay out of sight. The
-- version is matched before any deduplication: FINAL would let a newer,
-- interrupted load's rows hide the current ones. Each version is written
-- once, so within it rows are unique.
CREATE VIEW IF NOT EXISTS {db}.v_documents AS SELECT * FROM {db}.documents FINAL;

CREATE VIEW IF NOT EXISTS {db}.v_facts AS SELECT * FROM {db}.facts
    WHERE (doc_id, version) IN (SELECT id, version FROM {db}.documents FINAL);

CREATE VIEW IF NOT EXISTS {db}.v_findings AS SELECT * FROM {db}.findings
    WHERE (doc_id, version) IN (SELECT id, version FROM {db}.documents FINAL);

CREATE VIEW IF NOT EXISTS {db}.v_blocks AS SELECT * FROM {db}.blocks
    WHERE (doc_id, version) IN (SELECT id, version FROM {db}.documents FINAL);
