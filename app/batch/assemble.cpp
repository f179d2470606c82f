// Assembling the batch results file.
#include "app/batch/assemble.hpp"

#include <algorithm>

#include "app/batch/statistics.hpp"
#include "solver/status.hpp"

namespace peninsula::app::batch {
namespace {

std::vector<std::string> StatusNames() {
  std::vector<std::string> names;
  for (auto s : {solver::SolveStatus::kConverged, solver::SolveStatus::kIterationLimit,
                 solver::SolveStatus::kTimeLimit, solver::SolveStatus::kLineSearchFailed,
                 solver::SolveStatus::kSingularJacobian, solver::SolveStatus::kEvaluationError,
                 solver::SolveStatus::kSolverFailure, solver::SolveStatus::kWalrasViolated}) {
    names.push_back(solver::StatusName(s));
  }
  names.push_back("draw_failed");
  return names;
}

long long StatusCode(std::vector<std::string>& names, const std::string& status) {
  auto it = std::find(names.begin(), names.end(), status);
  if (it == names.end()) it = names.insert(names.end(), status);
  return it - names.begin();
}

void AddDesign(io::BatchResults& out, const DrawPlan& plan) {
  out.dataset.push_back(plan.dataset);
  out.shock_scale.push_back(plan.shock_scale);
  out.weight.push_back(plan.weight);
  out.coordinates.insert(out.coordinates.end(), plan.coordinates.begin(), plan.coordinates.end());
  out.values.insert(out.values.end(), plan.values.begin(), plan.values.end());
}

void AddResult(io::BatchResults& out, const DrawResult& r) {
  out.draw_error.push_back(r.error);
  for (const auto& s : r.scenarios) {
    out.status.push_back(StatusCode(out.statuses, s.status));
    out.message.push_back(s.message);
    out.iterations.push_back(s.iterations);
    out.seconds.push_back(s.seconds);
    out.max_residual.push_back(s.max_residual);
    out.outcome_values.insert(out.outcome_values.end(), s.outcomes.begin(), s.outcomes.end());
  }
}

void AddSummary(io::BatchResults& out, bool population) {
  std::size_t d = out.dataset.size(), ns = out.scenarios.size(), no = out.outcomes.size();
  for (std::size_t s = 0; s < ns; ++s) {
    for (std::size_t o = 0; o < no; ++o) {
      std::vector<double> column(d);
      for (std::size_t k = 0; k < d; ++k) column[k] = out.outcome_values[(k * ns + s) * no + o];
      Summary sum = Summarize(column, out.weight, population);
      out.mean.push_back(sum.mean);
      out.sd.push_back(sum.sd);
      out.p05.push_back(sum.p05);
      out.p50.push_back(sum.p50);
      out.p95.push_back(sum.p95);
      out.count.push_back(sum.count);
    }
  }
}

}  // namespace

io::BatchResults Assemble(const BatchSetup& setup, const std::map<long long, DrawResult>& results) {
  io::BatchResults out;
  const BatchFile& b = setup.batch;
  out.batch_name = b.name;
  out.batch_text = b.source_text;
  out.study_text = setup.study.source_text;
  out.design = DesignName(b.design);
  out.coordinate_kind = setup.design->CoordinateKind();
  out.fingerprint = setup.fingerprint;
  out.seed = static_cast<long long>(b.seed);
  for (const auto& s : setup.scenarios) out.scenarios.push_back(s.name);
  out.outcomes = setup.outcome_labels;
  for (const auto& d : setup.parameters.dimensions) out.dimensions.push_back(d.label);
  for (const auto& c : setup.parameters.cells) out.cells.push_back(c.label);
  for (const auto& d : setup.data_directories) out.datasets.push_back(d.string());
  out.statuses = StatusNames();
  for (long long k = 0; k < setup.design->size(); ++k) {
    AddDesign(out, setup.design->Plan(k));
    AddResult(out, results.at(k));
  }
  AddSummary(out, b.design == DesignKind::kQuadrature);
  return out;
}

}  // namespace peninsula::app::batch
