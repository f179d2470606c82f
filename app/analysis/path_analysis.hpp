// The analysis of recursive-dynamic paths (docs/analysis.md, "Paths"): every policy path
// against its baseline, year by year, with the indicators of the static analysis as time
// series, and the turning points of the home region's sectors (and of its labour-intensive
// industries as a group): the first year their response to the opening changes sign.
#pragma once

#include <string>
#include <vector>

#include "app/analysis/economy.hpp"
#include "io/hdf5_store.hpp"
#include "io/path_results.hpp"

namespace peninsula::app::analysis {

// Measures whose turning points are found: the home sector's output against the baseline
// and the partner's net effect on its sales (partner_demand plus the two partner competition
// channels), both in % of the baseline's level.
const std::vector<std::string>& TurningMeasures();

// Responses below this size (percent) are rounding, not a response: the baseline and the path
// are solved to a scaled residual of 1e-10 by different sequences of solves.
inline constexpr double kResponseThreshold = 1e-6;

struct PathSeries {
  std::vector<int> years;
  std::vector<Comparison> by_year;          // path against baseline, each year
  std::vector<long long> labour_intensive;  // [sector], baseline at the reference year
  std::vector<double> group_output;         // [year] home's labour-intensive output, %
  std::vector<double> partner_net;          // [year][sector] % of baseline home sales
  std::vector<double> group_partner_net;    // [year] % of baseline home sales
  std::vector<std::string> notes;
};

// The series of `path` against `baseline` over the years both solved (empty if none). The
// labour-intensive sectors are those of the baseline in the path's opening year (its first
// year without an opening).
PathSeries ComparePaths(const model::Model& model, const io::PathOutcome& baseline,
                        const io::PathOutcome& path, const AnalysisOptions& options);

// /paths/<name>/analysis for every path with a baseline (docs/hdf5-schema.md, "Paths").
void WritePathAnalysis(io::Hdf5Writer& w, const model::Model& model,
                       const std::vector<io::PathOutcome>& paths, const AnalysisOptions& options);

}  // namespace peninsula::app::analysis
