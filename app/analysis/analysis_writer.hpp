// Writes the analysis of every converged scenario (docs/analysis.md) into the results file
// under /scenarios/<name>/analysis/<reference>/ (docs/hdf5-schema.md, "Analysis"): against
// the benchmark and, when the study has a status-quo scenario, against it too.
#pragma once

#include <vector>

#include "app/analysis/economy.hpp"
#include "io/hdf5_store.hpp"
#include "io/results_writer.hpp"
#include "solver/newton.hpp"

namespace peninsula::app::analysis {

// The factorisation one scenario's solve left (app::RunScenario's `keep`), for its re-solves.
struct HeldForOutcome {
  std::size_t outcome = 0;
  solver::HeldFactorization factorization;
};

// Called by the commands through io::WriteResults' extra-writer hook, so that io does not
// depend on the analysis.
void WriteAnalysis(io::Hdf5Writer& w, const model::Model& model,
                   const std::vector<io::ScenarioOutcome>& outcomes, const AnalysisOptions& options,
                   HeldForOutcome held = {});

}  // namespace peninsula::app::analysis
