// Writing batch results with the generic HDF5 store.
#include "io/batch_store.hpp"

#include <chrono>
#include <ctime>

#include "io/hdf5_store.hpp"
#include "io/results_writer.hpp"

namespace peninsula::io {
namespace {

std::string UtcNow() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

void WriteRoot(Hdf5Writer& w, const BatchResults& r) {
  w.SetAttribute("/", "format", "peninsula-batch");
  w.SetAttribute("/", "format_version", 1LL);
  w.SetAttribute("/", "peninsula_version", VersionString());
  w.SetAttribute("/", "git_commit", GitCommit());
  w.SetAttribute("/", "created_utc", UtcNow());
  w.SetAttribute("/", "command_line", r.command_line);
  w.SetAttribute("/", "batch_name", r.batch_name);
  w.SetAttribute("/", "batch", r.batch_text);
  w.SetAttribute("/", "study", r.study_text);
  w.SetAttribute("/", "design", r.design);
  w.SetAttribute("/", "coordinate_kind", r.coordinate_kind);
  w.SetAttribute("/", "inputs_sha256", r.fingerprint);
  w.SetAttribute("/", "seed", r.seed);
  w.SetAttribute("/", "draws", static_cast<long long>(r.dataset.size()));
  w.SetAttribute("/", "processes", r.processes);
  w.SetAttribute("/", "wall_seconds", r.wall_seconds);
}

std::vector<std::string> Numbers(std::size_t n) {
  std::vector<std::string> out;
  for (std::size_t k = 0; k < n; ++k) out.push_back(std::to_string(k));
  return out;
}

void WriteAxes(Hdf5Writer& w, const BatchResults& r) {
  w.WriteAxis("draw", Numbers(r.dataset.size()));
  w.WriteAxis("scenario", r.scenarios);
  w.WriteAxis("outcome", r.outcomes);
  w.WriteAxis("dataset", r.datasets);
  w.WriteAxis("status", r.statuses);
  // Empty for designs that draw no parameters; HDF5 axes must not be empty.
  if (!r.dimensions.empty()) w.WriteAxis("dimension", r.dimensions);
  if (!r.cells.empty()) w.WriteAxis("cell", r.cells);
}

void WriteDraws(Hdf5Writer& w, const BatchResults& r) {
  std::size_t d = r.dataset.size(), s = r.scenarios.size(), o = r.outcomes.size();
  w.WriteIntArray("/draws/dataset", r.dataset, {d}, {{"draw"}, "", "index into /sets/dataset"});
  w.WriteArray("/draws/shock_scale", r.shock_scale, {d},
               {{"draw"}, "", "factor applied to every scenario's shocks"});
  w.WriteArray("/draws/weight", r.weight, {d}, {{"draw"}, "", "weight in the summary"});
  if (!r.dimensions.empty()) {
    w.WriteArray("/draws/coordinates", r.coordinates, {d, r.dimensions.size()},
                 {{"draw", "dimension"}, "", "design point: " + r.coordinate_kind});
  }
  if (!r.cells.empty()) {
    w.WriteArray("/draws/parameters", r.values, {d, r.cells.size()},
                 {{"draw", "cell"}, "", "elasticity values of this draw"});
  }
  w.WriteStrings("/draws/error", r.draw_error,
                 {{"draw"}, "", "why the draw failed before solving (empty: it did not)"});
  w.WriteIntArray("/draws/status", r.status, {d, s},
                  {{"draw", "scenario"}, "", "solver status, index into /sets/status"});
  w.WriteStrings("/draws/message", r.message,
                 {{"draw_scenario"}, "", "failure reason per (draw, scenario), row-major"});
  w.WriteIntArray("/draws/iterations", r.iterations, {d, s}, {{"draw", "scenario"}, "", ""});
  w.WriteArray("/draws/seconds", r.seconds, {d, s}, {{"draw", "scenario"}, "s", "solve time"});
  w.WriteArray("/draws/max_residual", r.max_residual, {d, s},
               {{"draw", "scenario"}, "", "largest scaled residual"});
  w.WriteArray("/draws/outcomes", r.outcome_values, {d, s, o},
               {{"draw", "scenario", "outcome"}, "%", "change from the draw's benchmark"});
}

void WriteSummary(Hdf5Writer& w, const BatchResults& r) {
  std::vector<std::size_t> shape{r.scenarios.size(), r.outcomes.size()};
  std::vector<std::string> dims{"scenario", "outcome"};
  w.WriteArray("/summary/mean", r.mean, shape, {dims, "%", "weighted mean over converged draws"});
  w.WriteArray("/summary/sd", r.sd, shape, {dims, "%", "standard deviation"});
  w.WriteArray("/summary/p05", r.p05, shape, {dims, "%", "5th percentile"});
  w.WriteArray("/summary/p50", r.p50, shape, {dims, "%", "median"});
  w.WriteArray("/summary/p95", r.p95, shape, {dims, "%", "95th percentile"});
  w.WriteIntArray("/summary/count", r.count, shape, {dims, "", "converged draws used"});
}

}  // namespace

void WriteBatchResults(const std::filesystem::path& path, bool overwrite,
                       const BatchResults& results) {
  Hdf5Writer w = Hdf5Writer::Create(path, overwrite);
  WriteRoot(w, results);
  WriteAxes(w, results);
  WriteDraws(w, results);
  WriteSummary(w, results);
  w.Commit();
}

}  // namespace peninsula::io
