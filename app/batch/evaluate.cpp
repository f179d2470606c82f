// Draws solved cold (EvaluateDraw) or on a prepared runner (DrawEvaluator).
#include "app/batch/evaluate.hpp"

#include <cstdio>
#include <limits>

#include "app/runner.hpp"
#include "calibration/calibrate.hpp"

namespace peninsula::app::batch {
namespace {

std::string FailureMessage(const solver::SolveSummary& summary) {
  std::string m = summary.message;
  for (std::size_t k = 0; k < summary.worst.size() && k < 3; ++k) {
    char buf[64];
    std::snprintf(buf, sizeof buf, " %.3e", summary.worst[k].residual);
    m += (k == 0 ? "; worst: " : ", ") + summary.worst[k].equation + buf;
  }
  return m.empty() ? solver::StatusName(summary.status) : m;
}

ScenarioResult Record(const BatchSetup& s, const model::Model& model, const io::ScenarioOutcome& o,
                      const DrawPlan& plan) {
  ScenarioResult r;
  r.status = solver::StatusName(o.summary.status);
  r.iterations = o.summary.iterations;
  r.seconds = o.summary.seconds;
  r.max_residual = o.summary.max_residual;
  const OutcomeEvaluator& eval = s.evaluators[plan.dataset];
  if (o.summary.converged() && eval.variables() == static_cast<int>(o.x.size())) {
    r.outcomes = eval.Evaluate(o.x, model.benchmark());
  } else {
    r.outcomes.assign(s.outcome_labels.size(), std::numeric_limits<double>::quiet_NaN());
    if (!o.summary.converged()) r.message = FailureMessage(o.summary);
  }
  return r;
}

void FailDraw(const BatchSetup& s, const std::string& error, DrawResult& result) {
  result.error = error;
  result.scenarios.assign(s.scenarios.size(), ScenarioResult{});
  for (auto& r : result.scenarios) {
    r.status = "draw_failed";
    r.message = error;
    r.outcomes.assign(s.outcome_labels.size(), std::numeric_limits<double>::quiet_NaN());
  }
}

// As app::LoadData builds it: with the instruments (quotas, wage floors) the scenarios use.
std::unique_ptr<model::Model> BuildModel(const BatchSetup& s, const calibration::Database& db) {
  model::ModelData data = calibration::Calibrate(db);
  data.instruments = model::CollectInstruments(data, s.scenarios);
  return std::make_unique<model::Model>(std::move(data));
}

}  // namespace

DrawResult EvaluateDraw(const BatchSetup& s, long long index) {
  DrawResult result;
  result.index = index;
  try {
    DrawPlan plan = s.design->Plan(index);
    calibration::Database db = s.databases[plan.dataset];
    if (!s.parameters.cells.empty()) {
      ApplyCellValues(s.parameters, plan.values, s.databases[0].elasticities, db);
    }
    auto model = BuildModel(s, db);
    for (const auto& scenario : s.scenarios) {
      io::ScenarioOutcome o =
          RunScenario(*model, ScaleShocks(scenario, plan.shock_scale), s.options);
      result.scenarios.push_back(Record(s, *model, o, plan));
    }
  } catch (const std::exception& e) {
    FailDraw(s, e.what(), result);
  }
  return result;
}

DrawEvaluator::DrawEvaluator(const BatchSetup& setup) : setup_(setup) {}

DrawEvaluator::~DrawEvaluator() = default;

// On the solving thread at the first draw, so a master's main thread stays free to answer
// workers. The central solves are the same on every process.
bool DrawEvaluator::Prepared() {
  if (tried_) return runner_ != nullptr;
  tried_ = true;
  if (setup_.batch.design == DesignKind::kDatasets) return false;
  try {
    db_ = setup_.databases[0];
    model_ = BuildModel(setup_, db_);
    runner_ = std::make_unique<ScenarioRunner>(*model_, setup_.scenarios, setup_.options);
  } catch (const std::exception&) {
    runner_.reset();  // validated at load time, so not expected; the cold path reports it
  }
  return runner_ != nullptr;
}

DrawResult DrawEvaluator::operator()(long long index) {
  return Prepared() ? Evaluate(index) : EvaluateDraw(setup_, index);
}

DrawResult DrawEvaluator::Evaluate(long long index) {
  DrawResult result;
  result.index = index;
  try {
    DrawPlan plan = setup_.design->Plan(index);
    if (!setup_.parameters.cells.empty()) {
      // Every drawn table is rewritten from the rows, so a draw that fails here leaves
      // nothing the next one would see.
      ApplyCellValues(setup_.parameters, plan.values, setup_.databases[0].elasticities, db_);
      calibration::RecalibrateElasticities(db_, model_->data());
    }
    for (std::size_t k = 0; k < runner_->size(); ++k) {
      io::ScenarioOutcome o = runner_->Run(k, ScaleShocks(setup_.scenarios[k], plan.shock_scale));
      result.scenarios.push_back(Record(setup_, *model_, o, plan));
    }
  } catch (const std::exception& e) {
    FailDraw(setup_, e.what(), result);
  }
  return result;
}

}  // namespace peninsula::app::batch
