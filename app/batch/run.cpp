// Master: checkpoint, scheduling, progress, results file.
#include "app/batch/run.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>

#include "app/batch/assemble.hpp"
#include "app/batch/checkpoint.hpp"
#include "app/batch/evaluate.hpp"
#include "app/batch/progress.hpp"
#include "app/batch/scheduler.hpp"
#include "app/batch/command.hpp"
#include "app/commands.hpp"
#include "io/batch_store.hpp"
#include "io/hdf5_store.hpp"

namespace peninsula::app::batch {
namespace {

namespace fs = std::filesystem;

bool Failed(const DrawResult& r) {
  for (const auto& s : r.scenarios) {
    if (s.status != "converged") return true;
  }
  return !r.error.empty();
}

// Completed draws from an earlier run of the same inputs.
std::map<long long, DrawResult> Resume(const BatchSetup& setup, const fs::path& path,
                                       long long* valid_bytes) {
  CheckpointContents c = ReadCheckpoint(path);
  if (c.fingerprint != setup.fingerprint || c.draws != setup.design->size()) {
    throw io::StoreError(path, "",
                         "checkpoint was written for other inputs (batch, study, scenarios or "
                         "data changed); use --overwrite to start again");
  }
  for (const auto& [k, r] : c.results) {
    bool fits = k < setup.design->size() && r.scenarios.size() == setup.scenarios.size();
    for (const auto& s : r.scenarios) fits &= s.outcomes.size() == setup.outcome_labels.size();
    if (!fits) throw io::StoreError(path, "", "draw " + std::to_string(k) + " does not fit");
  }
  *valid_bytes = c.valid_bytes;
  return std::move(c.results);
}

void PrintSummary(const io::BatchResults& r, Progress& progress) {
  std::size_t no = r.outcomes.size();
  for (std::size_t s = 0; s < r.scenarios.size(); ++s) {
    for (std::size_t o = 0; o < no && o < 12; ++o) {
      std::size_t k = s * no + o;
      char buf[256];
      std::snprintf(buf, sizeof buf,
                    "  %-20s %-24s mean %9.4f  sd %8.4f  p05 %9.4f  p95 %9.4f  n=%lld",
                    r.scenarios[s].c_str(), r.outcomes[o].c_str(), r.mean[k], r.sd[k], r.p05[k],
                    r.p95[k], r.count[k]);
      progress.Log(buf);
    }
  }
}

}  // namespace

int PrepareOutput(const BatchSetup& setup, RunOptions& options) {
  if (options.output.empty()) options.output = setup.batch.output;
  if (setup.max_benchmark_residual > kReplicationTolerance) {
    std::fprintf(stderr, "error: benchmark not replicated (largest residual %.3e): no draws run\n",
                 setup.max_benchmark_residual);
    return kExitReplication;
  }
  const fs::path& out = options.output;
  if (!out.parent_path().empty()) fs::create_directories(out.parent_path());
  if (fs::exists(out) && !options.overwrite) {
    throw io::StoreError(out, "/", "file exists; use --overwrite to replace it");
  }
  fs::path checkpoint = CheckpointPath(out);
  if (fs::exists(checkpoint) && !options.resume && !options.overwrite) {
    throw io::StoreError(checkpoint, "",
                         "an interrupted run left this checkpoint; use --resume to continue it "
                         "or --overwrite to start again");
  }
  return kExitOk;
}

int RunBatch(const BatchSetup& setup, const RunOptions& options, Transport& transport) {
  auto start = std::chrono::steady_clock::now();
  fs::path checkpoint = CheckpointPath(options.output);
  std::map<long long, DrawResult> results;
  std::optional<CheckpointWriter> journal;
  if (options.resume && fs::exists(checkpoint)) {
    long long valid = 0;
    results = Resume(setup, checkpoint, &valid);
    journal.emplace(CheckpointWriter::Reopen(checkpoint, valid));
  } else {
    if (options.overwrite) fs::remove(checkpoint);
    journal.emplace(CheckpointWriter::Create(checkpoint, setup.fingerprint, setup.design->size()));
  }
  std::vector<long long> pending;
  for (long long k = 0; k < setup.design->size(); ++k) {
    if (!results.count(k)) pending.push_back(k);
  }
  Progress progress(setup.design->size(), static_cast<long long>(results.size()),
                    options.output.string() + ".log");
  progress.Log("batch " + setup.batch.name + ": " + DesignName(setup.batch.design) + ", " +
               std::to_string(setup.design->size()) + " draws x " +
               std::to_string(setup.scenarios.size()) + " scenarios, " +
               std::to_string(transport.size()) + " process(es), " +
               std::to_string(results.size()) + " draws from the checkpoint");
  long long fresh = 0;
  DrawEvaluator evaluator(setup);
  RunMaster(
      transport, pending, [&](long long k) { return evaluator(k); },
      [&](DrawResult&& r) {
        journal->Append(r);
        progress.Record(Failed(r));
        results.emplace(r.index, std::move(r));
        if (options.stop_after > 0 && ++fresh == options.stop_after) {
          journal->Sync();
          std::fflush(stdout);
          std::_Exit(kExitStopped);  // as abrupt as a kill: no clean-up, no results file
        }
      });
  journal->Sync();
  progress.Finish();
  io::BatchResults data = Assemble(setup, results);
  data.command_line = options.command_line;
  data.processes = transport.size();
  data.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  io::WriteBatchResults(options.output, options.overwrite, data);
  journal.reset();
  fs::remove(checkpoint);
  PrintSummary(data, progress);
  long long failed = 0;
  for (const auto& [k, r] : results) failed += Failed(r);
  progress.Log(std::to_string(failed) + " of " + std::to_string(results.size()) +
               " draws had a failed scenario (recorded in /draws/status)");
  progress.Log("results written to " + fs::absolute(options.output).string());
  return kExitOk;
}

}  // namespace peninsula::app::batch
