// The year loop of a path: the start year, then per year the dynamics solve, the year's
// phases and (on a baseline) the productivity calibration; each solve warm-started from the
// state the last one left, on one equation system and Newton workspace.
#include "app/path_runner.hpp"

#include <filesystem>
#include <stdexcept>

#include "app/path_engine.hpp"

namespace peninsula::app {
namespace path {
namespace {

std::string Canonical(const std::string& file) {
  return std::filesystem::weakly_canonical(file).string();
}

// One step of a phase as a scenario of its own, for resolving its shocks.
model::Scenario StepScenario(const model::Phase& step) {
  model::Scenario s;
  s.name = step.name;
  s.origin = step.origin;
  s.shocks = step.shocks;
  return s;
}

}  // namespace

void ApplyTargets(const std::vector<model::ShockTarget>& targets, double t,
                  std::vector<double>& x) {
  for (const auto& s : targets) {
    double value = s.base + t * (s.target - s.base);
    if (s.parameter) {
      *s.parameter = value;
    } else {
      x[s.variable] = value;
    }
  }
}

Engine::~Engine() = default;

io::PathOutcome Engine::Run() {
  out_.name = spec_.name;
  out_.description = spec_.description;
  out_.definition = spec_.source_text;
  out_.closure = spec_.closure;
  if (StartYear()) {
    for (int year = spec_.start + 1; year <= spec_.end; ++year) {
      if (!Year(year)) break;
    }
  }
  out_.converged = out_.failed_year == 0;
  model_.data().p = model_.data().p0;
  model_.data().ssg = ssg0_;
  model_.data().trs = trs0_;
  return std::move(out_);
}

// The benchmark (the numeraire moved to its closure value, if it differs), then the phases in
// force from the start.
bool Engine::StartYear() {
  io::PathYear rec;
  rec.year = spec_.start;
  const int num = closure_.numeraire;
  const double from = x_[num], to = closure_.numeraire_value;
  if (!SolveSetter([&](double t, std::vector<double>& x) { x[num] = from + t * (to - from); }, rec,
                   "the start year"))
    return false;
  io::YearAccounts& acc = rec.accounts;
  acc.capital.assign(R_, 0.0);
  acc.owned.assign(R_ * R_, 0.0);
  for (int r = 0; r < R_; ++r) {
    if (qf_cap_[r] >= 0) acc.capital[r] = x_[qf_cap_[r]];
    for (int o = 0; o < R_; ++o) acc.owned[r * R_ + o] = model_.data().p.ownq(r, cap_, o);
  }
  if (!ApplyPhases(spec_.start, rec)) return false;
  acc.labour_force.assign(R_, NAN);
  for (int r = 0; r < R_; ++r) {
    const auto* row = data_.Find("labour_force", model_.sets().regions.label(r), "", spec_.start);
    if (row) acc.labour_force[r] = row->value;
  }
  acc.baseline_tfp_growth.assign(R_, 0.0);
  acc.tfp_growth.assign(R_, 0.0);
  Measure(spec_.start, acc);
  CloseCapitalAccounts(acc);
  Record(std::move(rec));
  return true;
}

bool Engine::Year(int year) {
  io::PathYear rec;
  rec.year = year;
  std::vector<model::ShockTarget> targets = DynamicTargets(year, rec.accounts);
  if (out_.failed_year) return false;  // the baseline does not reach this year
  if (!Solve(targets, rec, "the dynamics of " + std::to_string(year))) return false;
  if (!ApplyPhases(year, rec)) return false;
  Measure(year, rec.accounts);
  if (calibrating_ && !Calibrate(year, rec)) return false;
  CloseCapitalAccounts(rec.accounts);
  Record(std::move(rec));
  return true;
}

bool Engine::Solve(const std::vector<model::ShockTarget>& targets, io::PathYear& rec,
                   const std::string& what) {
  return SolveSetter([&](double t, std::vector<double>& x) { ApplyTargets(targets, t, x); }, rec,
                     what);
}

bool Engine::SolveSetter(const solver::ShockSetter& set, io::PathYear& rec,
                         const std::string& what) {
  solver::SolveOptions options = options_;
  options.workspace = workspace_.get();
  // Rows are scaled once, at the benchmark. The dropped row (by default the last region's last
  // goods market: a zone's, whose scale is large) sums every market's rounding error, which
  // grows with the world economy along a path; so its check is that of the analysis
  // re-solves (1e-6), and grows with world GDP relative to the start. A real inconsistency
  // (foreign savings that do not net out) leaves residuals of order 1e-2.
  options.walras_tolerance =
      std::max(options.walras_tolerance, kPathWalrasTolerance) * std::max(1.0, scale_);
  solver::SolveSummary s = solver::Solve(*system_, x_, set, options);
  solver::SolveSummary& y = rec.summary;
  const int iterations = y.iterations + s.iterations, lu = y.factorizations + s.factorizations;
  const int steps = y.homotopy_steps + s.homotopy_steps;
  const double seconds = y.seconds + s.seconds;
  y = s;
  y.iterations = iterations, y.factorizations = lu, y.homotopy_steps = steps, y.seconds = seconds;
  ++rec.accounts.solves;
  if (!s.converged()) Fail(rec.year, y, what);
  return s.converged();
}

void Engine::Fail(int year, const solver::SolveSummary& s, const std::string& what) {
  out_.failed_year = year;
  out_.failure = s;
  out_.message = std::to_string(year) + ": " + what + " did not converge (" +
                 solver::StatusName(s.status) + (s.message.empty() ? "" : ": " + s.message) + ")";
}

// Each phase's steps the path has not applied yet (a phase that extends an applied scenario
// adds only its own shocks), every step resolved against the state the last one left.
bool Engine::ApplyPhases(int year, io::PathYear& rec) {
  for (const auto& phase : spec_.phases) {
    if (phase.year != year) continue;
    if (phase.opening > 0 && out_.opening_year == 0) out_.opening_year = year;
    for (const model::Phase& step : phase.scenario.Steps()) {
      if (!applied_.insert(Canonical(step.origin)).second) continue;
      model::ShockPlan plan(model_, StepScenario(step), x_, closure_.fixed);
      out_.events.push_back(std::to_string(year) + ": " + step.name);
      if (!SolveSetter([&](double t, std::vector<double>& x) { plan.Apply(t, x); }, rec,
                       "phase " + step.name))
        return false;
    }
  }
  return true;
}

void Engine::Record(io::PathYear rec) {
  double world = 0, world0 = 0;
  for (int r = 0; r < R_; ++r) {
    world += rec.accounts.gdp[r];
    world0 += out_.years.empty() ? rec.accounts.gdp[r] : out_.years.front().accounts.gdp[r];
  }
  scale_ = world0 > 0 ? world / world0 : 1.0;
  rec.x = x_;
  rec.parameters = model_.data().p;
  last_ = rec.accounts;
  out_.years.push_back(std::move(rec));
}

}  // namespace path

io::PathOutcome RunPath(model::Model& model, const model::PathSpec& spec,
                        const calibration::DynamicsData& data, const io::PathOutcome* baseline,
                        const solver::SolveOptions& options) {
  path::Engine engine(model, spec, data, baseline, options);
  return engine.Run();
}

}  // namespace peninsula::app
