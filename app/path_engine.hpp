// The year loop of a recursive-dynamic path (app/path_runner.hpp); internal to
// path_runner.cpp, path_update.cpp and path_calibrate.cpp.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "app/path_runner.hpp"
#include "model/equation_system.hpp"
#include "model/scenario.hpp"
#include "solver/newton.hpp"

namespace peninsula::app::path {

// Tolerance of the productivity calibration on each region's yearly GDP growth rate.
inline constexpr double kGrowthTolerance = 1e-8;
inline constexpr int kMaxCalibrationSolves = 30;
// The Walras check of path solves at the start (docs/dynamics.md, "Solving a year").
inline constexpr double kPathWalrasTolerance = 1e-6;

class Engine {
 public:
  Engine(model::Model& model, const model::PathSpec& spec, const calibration::DynamicsData& data,
         const io::PathOutcome* baseline, const solver::SolveOptions& options);
  ~Engine();
  io::PathOutcome Run();

 private:
  // path_runner.cpp: solves and the year loop
  bool StartYear();
  bool Year(int year);
  bool Solve(const std::vector<model::ShockTarget>& targets, io::PathYear& rec,
             const std::string& what);
  bool SolveSetter(const solver::ShockSetter& set, io::PathYear& rec, const std::string& what);
  bool ApplyPhases(int year, io::PathYear& rec);
  void Fail(int year, const solver::SolveSummary& s, const std::string& what);
  void Record(io::PathYear rec);

  // path_update.cpp: the exogenous changes of a year and what is measured at a solution
  std::vector<model::ShockTarget> DynamicTargets(int year, io::YearAccounts& acc);
  void CapitalTargets(int year, io::YearAccounts& acc, std::vector<model::ShockTarget>& out);
  void LabourTargets(int year, io::YearAccounts& acc, std::vector<model::ShockTarget>& out);
  void PeaceTargets(int year, io::YearAccounts& acc, std::vector<model::ShockTarget>& out);
  void TfpTargets(const std::vector<double>& growth, std::vector<model::ShockTarget>& out);
  std::vector<double> ProductivityGrowth(int year, io::YearAccounts& acc);
  double CatchUpRate(int year) const;
  void Measure(int year, io::YearAccounts& acc) const;
  void CloseCapitalAccounts(io::YearAccounts& acc) const;
  double Depreciation(int region, int year) const;
  double Rate(const std::string& parameter, int region, const std::string& factor, int year) const;
  int Country(int region) const;

  // path_calibrate.cpp: baseline productivity growth that meets the GDP targets
  bool Calibrate(int year, io::PathYear& rec);
  std::vector<double> GrowthErrors(const io::YearAccounts& acc) const;

  model::Model& model_;
  const model::PathSpec& spec_;
  const calibration::DynamicsData& data_;
  const io::PathOutcome* baseline_;
  solver::SolveOptions options_;
  model::ClosurePlan closure_;
  std::unique_ptr<model::EquationSystem> system_;
  std::unique_ptr<solver::NewtonWorkspace> workspace_;

  int R_ = 0, cap_ = -1, unskilled_ = -1, skilled_ = -1;
  std::vector<int> qf_cap_, qf_unskilled_, qf_skilled_;  // global positions, -1 if absent
  std::vector<double> rental_;                           // 2015 rental rate per region
  std::vector<double> x_;                                // the state last solved
  model::Table ssg0_, trs0_;                             // restored after the path
  std::set<std::string> applied_;                        // scenario files applied so far
  io::YearAccounts last_;                                // accounts of the year before
  std::vector<double> catch_up_;                         // catch-up growth of the year
  double military_share_ = 0.0;  // military spending, share of government consumption
  bool calibrating_ = false;
  double scale_ = 1.0;  // world GDP of the last year solved over the start year's
  io::PathOutcome out_;
};

// Tables of the model data a shock target may point into (parameters, ssg, trs).
void ApplyTargets(const std::vector<model::ShockTarget>& targets, double t, std::vector<double>& x);

}  // namespace peninsula::app::path
