// Solving one draw of a batch: recalibrate for its parameter values, solve every scenario of
// the study, record each scenario's status and outcomes. EvaluateDraw builds everything anew
// (the reference, and the datasets design's path); DrawEvaluator keeps one prepared model and
// ScenarioRunner across the draws a process solves (docs/performance.md, "Batch runs").
#pragma once

#include <memory>

#include "app/batch/record.hpp"
#include "app/batch/setup.hpp"
#include "app/scenario_runner.hpp"
#include "calibration/database.hpp"
#include "model/model.hpp"

namespace peninsula::app::batch {

// Recalibrates for draw `index`, builds the model and solves every scenario cold from its
// benchmark. Never throws: a failure is recorded in the result with its reason.
DrawResult EvaluateDraw(const BatchSetup& setup, long long index);

// The same draws on a model and runner prepared once: a draw rewrites the elasticity tables
// (calibration::RecalibrateElasticities) and re-solves each scenario from its central
// solution (the study's own elasticities and shock sizes). A draw's result depends only on
// the draw, not on the draws solved before it, so MPI and resumed runs match one process
// bit for bit. The datasets design (one draw per database, each with its own structure) is
// solved by EvaluateDraw. Not thread-safe: one evaluator per solving thread.
class DrawEvaluator {
 public:
  explicit DrawEvaluator(const BatchSetup& setup);
  ~DrawEvaluator();
  DrawEvaluator(const DrawEvaluator&) = delete;
  DrawEvaluator& operator=(const DrawEvaluator&) = delete;

  DrawResult operator()(long long index);

 private:
  bool Prepared();
  DrawResult Evaluate(long long index);

  const BatchSetup& setup_;
  calibration::Database db_;  // the study's database with the current draw's elasticity rows
  std::unique_ptr<model::Model> model_;
  std::unique_ptr<ScenarioRunner> runner_;
  bool tried_ = false;  // preparation is attempted once; if it fails, every draw is cold
};

}  // namespace peninsula::app::batch
