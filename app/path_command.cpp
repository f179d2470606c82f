// Reading, checking and running a study's paths.
#include "app/path_command.hpp"

#include <cstdio>
#include <set>

#include "app/path_runner.hpp"
#include "calibration/dynamics_csv.hpp"
#include "io/path_file.hpp"

namespace peninsula::app {
namespace {

std::string Canonical(const std::filesystem::path& p) {
  return std::filesystem::weakly_canonical(p).string();
}

const model::PathSpec* Find(const std::vector<model::PathSpec>& specs, const std::string& file) {
  for (const auto& s : specs)
    if (Canonical(s.origin) == Canonical(file)) return &s;
  return nullptr;
}

std::string BaselineName(const std::vector<model::PathSpec>& specs, const model::PathSpec& s) {
  const model::PathSpec* b = s.baseline.empty() ? nullptr : Find(specs, s.baseline);
  return b ? b->name : "";
}

void PrintPath(const io::PathOutcome& o) {
  double seconds = 0;
  int solves = 0, iterations = 0;
  double worst = 0;
  for (const auto& y : o.years) {
    seconds += y.summary.seconds;
    solves += y.accounts.solves;
    iterations += y.summary.iterations;
    worst = std::max(worst, y.summary.max_residual);
  }
  std::printf("path %-28s %-10s years=%d-%d solves=%d iterations=%d max_residual=%.2e time=%.3fs\n",
              o.name.c_str(), o.converged ? "converged" : "stopped",
              o.years.empty() ? 0 : o.years.front().year, o.years.empty() ? 0 : o.years.back().year,
              solves, iterations, worst, seconds);
  for (const auto& n : o.notes) std::printf("  note: %s\n", n.c_str());
  if (o.converged) return;
  std::printf("  NOT CONVERGED in %d: %s. Worst equations:\n", o.failed_year, o.message.c_str());
  for (const auto& w : o.failure.worst)
    std::printf("    %-40s %.3e\n", w.equation.c_str(), w.residual);
}

}  // namespace

std::vector<model::Scenario> PathSet::Scenarios() const {
  std::vector<model::Scenario> out;
  for (const auto& s : specs) {
    auto more = PathScenarios(s);
    out.insert(out.end(), more.begin(), more.end());
  }
  return out;
}

PathSet ReadPaths(const std::vector<std::filesystem::path>& files,
                  const std::filesystem::path& data_directory) {
  std::vector<model::PathSpec> listed;
  for (const auto& f : files) listed.push_back(io::ReadPath(f));
  PathSet set;
  auto add = [&](model::PathSpec s) {
    if (Find(set.specs, s.origin)) return;
    for (const auto& other : set.specs) {
      if (other.name == s.name) {
        throw model::ScenarioError(s.origin + ": path name '" + s.name + "' is used by " +
                                   other.origin + " too (names must be unique)");
      }
    }
    set.specs.push_back(std::move(s));
  };
  for (const auto& s : listed) {  // baselines first
    if (s.baseline.empty()) continue;
    const model::PathSpec* b = Find(listed, s.baseline);
    model::PathSpec base = b ? *b : io::ReadPath(s.baseline);
    if (!base.baseline.empty()) {
      throw model::ScenarioError(s.origin + ": its baseline " + s.baseline +
                                 " names a baseline itself (a baseline path has no 'baseline')");
    }
    if (base.start != s.start || base.end < s.end) {
      throw model::ScenarioError(s.origin + ": years " + std::to_string(s.start) + "-" +
                                 std::to_string(s.end) + " are not covered by its baseline " +
                                 base.origin + " (expected the same start and an end not before)");
    }
    add(std::move(base));
  }
  for (auto& s : listed)
    if (s.baseline.empty()) add(std::move(s));
  for (auto& s : listed)
    if (!s.baseline.empty()) add(std::move(s));
  for (auto& s : set.specs) {
    if (s.dynamics_file.empty()) s.dynamics_file = (data_directory / "dynamics.csv").string();
    set.inputs.push_back(s.origin);
    for (const auto& p : s.phases) {
      for (const auto& step : p.scenario.Steps()) set.inputs.push_back(step.origin);
    }
  }
  return set;
}

void LoadPathData(PathSet& paths, model::Model& model) {
  for (const auto& s : paths.specs) {
    if (!paths.data.count(s.dynamics_file)) {
      paths.data[s.dynamics_file] = calibration::ReadDynamics(s.dynamics_file, model.sets());
      paths.inputs.push_back(s.dynamics_file);
    }
    ValidatePath(model, s, paths.data.at(s.dynamics_file));
  }
}

std::vector<io::PathOutcome> RunPaths(model::Model& model, const PathSet& paths,
                                      const solver::SolveOptions& options) {
  std::vector<io::PathOutcome> out;
  out.reserve(paths.specs.size());
  for (const auto& s : paths.specs) {
    const io::PathOutcome* baseline = nullptr;
    std::string name = BaselineName(paths.specs, s);
    for (const auto& o : out)
      if (o.name == name) baseline = &o;
    out.push_back(RunPath(model, s, paths.data.at(s.dynamics_file), baseline, options));
    out.back().baseline = name;
    PrintPath(out.back());
  }
  return out;
}

}  // namespace peninsula::app
