#include "engine/store/schema.h"

#include <array>

namespace flowcnn::store {
namespace {

// Version 1: captures, flows, datasets (issue 2) and the model engine's results (issue 3).
constexpr std::string_view kV1 = R"SQL(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);

-- One row per imported capture file (or live session).
CREATE TABLE captures(
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL,
  name TEXT NOT NULL,
  format TEXT NOT NULL,              -- pcap | pcapng | netmon | live
  linktype INTEGER,
  label TEXT,                        -- label given to every flow of the file, if any
  direction TEXT NOT NULL DEFAULT 'both',
  fill_mode TEXT NOT NULL DEFAULT 'repeat',
  idle_timeout_s REAL, active_timeout_s REAL,
  imported_at TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'importing', -- importing | complete | partial | cancelled
  frames INTEGER NOT NULL DEFAULT 0,
  packets INTEGER NOT NULL DEFAULT 0,
  flows INTEGER NOT NULL DEFAULT 0,
  skipped_json TEXT NOT NULL DEFAULT '{}',  -- {"reason": count, ...}
  error TEXT                          -- why reading stopped early, if it did
);

CREATE TABLE flows(
  id INTEGER PRIMARY KEY,
  capture_id INTEGER NOT NULL REFERENCES captures(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,               -- order within the capture
  l4proto INTEGER NOT NULL, vlan INTEGER NOT NULL DEFAULT 0,
  client_ip TEXT NOT NULL, client_port INTEGER NOT NULL,
  server_ip TEXT NOT NULL, server_port INTEGER NOT NULL,
  first_ns INTEGER NOT NULL, last_ns INTEGER NOT NULL,
  packets_c2s INTEGER NOT NULL, packets_s2c INTEGER NOT NULL,
  bytes_c2s INTEGER NOT NULL, bytes_s2c INTEGER NOT NULL,
  payload_len INTEGER NOT NULL,       -- payload bytes in the image stream (before the 784 cut)
  head BLOB,                          -- first <=784 payload bytes, before fill; NULL: no payload
  image_sha1 TEXT,                    -- SHA-1 of the filled 784-byte image (capture's fill mode)
  sni TEXT, http_host TEXT,
  end_reason TEXT NOT NULL,
  label TEXT,                         -- analyst/ground-truth label
  label_source TEXT                   -- capture | folder | rule | manual
);
CREATE INDEX flows_capture ON flows(capture_id, idx);
CREATE INDEX flows_label ON flows(label);
CREATE INDEX flows_image ON flows(image_sha1);

CREATE TABLE datasets(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  fill_mode TEXT NOT NULL DEFAULT 'repeat',
  params_json TEXT NOT NULL DEFAULT '{}',  -- split method, sizes, seed, dedup policy
  audit_json TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE dataset_classes(
  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  class_index INTEGER NOT NULL,
  label TEXT NOT NULL,
  PRIMARY KEY(dataset_id, class_index)
);
CREATE TABLE dataset_flows(
  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  flow_id INTEGER NOT NULL REFERENCES flows(id) ON DELETE CASCADE,
  split TEXT NOT NULL CHECK(split IN ('train','val','test')),
  class_index INTEGER NOT NULL,
  PRIMARY KEY(dataset_id, flow_id)
);
CREATE INDEX dataset_flows_split ON dataset_flows(dataset_id, split);

-- Grid searches and their trials; a trial is a run with search_id set.
CREATE TABLE searches(
  id INTEGER PRIMARY KEY,
  dataset_id INTEGER NOT NULL REFERENCES datasets(id),
  name TEXT NOT NULL,
  mode TEXT NOT NULL,                 -- exhaustive | halving
  selection TEXT NOT NULL,            -- val | train
  grid_json TEXT NOT NULL,
  params_json TEXT NOT NULL DEFAULT '{}',
  status TEXT NOT NULL DEFAULT 'running', -- running | complete | cancelled
  created_at TEXT NOT NULL,
  best_run_id INTEGER
);

CREATE TABLE runs(
  id INTEGER PRIMARY KEY,
  dataset_id INTEGER NOT NULL REFERENCES datasets(id),
  search_id INTEGER REFERENCES searches(id) ON DELETE CASCADE,
  trial_key TEXT,                     -- stable key of the hyper-parameters+budget within a search
  rung INTEGER NOT NULL DEFAULT 0,    -- successive-halving rung
  name TEXT,
  hparams_json TEXT NOT NULL,         -- model hyper-parameters
  train_json TEXT NOT NULL,           -- optimizer, lr, batch, epochs, seed, threads, ...
  status TEXT NOT NULL,               -- running | complete | cancelled | failed | pruned
  started_at TEXT NOT NULL, finished_at TEXT,
  epochs_done INTEGER NOT NULL DEFAULT 0,
  train_acc REAL, val_acc REAL, train_loss REAL, val_loss REAL,
  seconds REAL,
  error TEXT
);
CREATE UNIQUE INDEX runs_trial ON runs(search_id, trial_key, rung) WHERE search_id IS NOT NULL;

CREATE TABLE epochs(
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  epoch INTEGER NOT NULL,
  train_loss REAL, train_acc REAL, val_loss REAL, val_acc REAL,
  images_per_s REAL, seconds REAL,
  PRIMARY KEY(run_id, epoch)
);
CREATE TABLE batch_losses(
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  step INTEGER NOT NULL, loss REAL NOT NULL,
  PRIMARY KEY(run_id, step)
);
-- Latest checkpoint of a run (model + optimizer state), for resuming a killed run.
CREATE TABLE checkpoints(
  run_id INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
  epoch INTEGER NOT NULL,
  data BLOB NOT NULL
);
-- A model file's bytes (see engine/model): hyper-parameters, classes, preprocessing, weights.
CREATE TABLE models(
  id INTEGER PRIMARY KEY,
  run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  data BLOB NOT NULL
);
CREATE TABLE evaluations(
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  split TEXT NOT NULL,
  accuracy REAL NOT NULL, macro_f1 REAL NOT NULL,
  per_class_json TEXT NOT NULL,       -- [{"label":..,"precision":..,"recall":..,"f1":..,"support":..}]
  confusion_json TEXT NOT NULL,       -- row = true class, column = predicted
  created_at TEXT NOT NULL
);
CREATE TABLE predictions(
  evaluation_id INTEGER NOT NULL REFERENCES evaluations(id) ON DELETE CASCADE,
  flow_id INTEGER NOT NULL REFERENCES flows(id) ON DELETE CASCADE,
  true_index INTEGER NOT NULL, predicted_index INTEGER NOT NULL, confidence REAL NOT NULL,
  PRIMARY KEY(evaluation_id, flow_id)
);
CREATE TABLE classifications(
  id INTEGER PRIMARY KEY,
  model_id INTEGER REFERENCES models(id) ON DELETE SET NULL,
  capture_id INTEGER REFERENCES captures(id) ON DELETE CASCADE,
  threshold REAL NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE classified_flows(
  classification_id INTEGER NOT NULL REFERENCES classifications(id) ON DELETE CASCADE,
  flow_id INTEGER NOT NULL REFERENCES flows(id) ON DELETE CASCADE,
  label TEXT NOT NULL,                -- predicted label, or 'unknown' below the threshold
  confidence REAL NOT NULL,
  top3_json TEXT NOT NULL,            -- [["label", p], ...]
  PRIMARY KEY(classification_id, flow_id)
);
)SQL";

// Version 2: each flow's first packets (flow::encode_shape: sizes, directions, gaps, TCP flags,
// window, TTL) for the flow-shape and protocol-structure features (issue 14). NULL for flows
// imported before: their features come from the head alone.
constexpr std::string_view kV2 = R"SQL(
ALTER TABLE flows ADD COLUMN shape BLOB;
)SQL";

constexpr std::array<std::string_view, 2> kMigrations{kV1, kV2};

}  // namespace

std::span<const std::string_view> schema_migrations() { return kMigrations; }

}  // namespace flowcnn::store
