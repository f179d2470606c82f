// The master's side of a batch run: output checks before any draw, the checkpoint journal,
// scheduling, progress and the results file.
#pragma once

#include <filesystem>
#include <string>

#include "app/batch/setup.hpp"
#include "app/batch/transport.hpp"

namespace peninsula::app::batch {

struct RunOptions {
  std::filesystem::path batch_file;
  std::filesystem::path output;  // empty: the batch file's
  bool overwrite = false;
  bool resume = false;
  long long stop_after = 0;  // testing: _Exit after this many new draws
  std::string command_line;
};

// Resolves the output path into `options`, creates its directory and refuses to run over an
// existing result (without --overwrite) or an existing checkpoint (without --resume or
// --overwrite). Returns an exit code; throws io::StoreError.
int PrepareOutput(const BatchSetup& setup, RunOptions& options);

// Runs every draw not yet in the checkpoint and writes the results file. Returns 0 once the
// file is written, whether or not some draws failed (they are recorded in it).
int RunBatch(const BatchSetup& setup, const RunOptions& options, Transport& transport);

}  // namespace peninsula::app::batch
