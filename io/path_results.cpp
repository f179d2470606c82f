// /paths/<name>: the years solved, every variable and parameter stacked along the year axis,
// the per-year solver record, the dynamics accounts, and the failure that stopped the path.
#include "io/path_results.hpp"

#include "io/hdf5_store.hpp"
#include "io/results_detail.hpp"
#include "io/results_writer.hpp"

namespace peninsula::io {
namespace {

using Shape = std::vector<std::size_t>;

std::vector<std::string> WithYear(std::vector<std::string> dims) {
  dims.insert(dims.begin(), "year");
  return dims;
}

void WriteVariables(Hdf5Writer& w, const std::string& group, const model::Model& model,
                    const PathOutcome& p) {
  for (const auto& block : model.registry().blocks()) {
    std::vector<double> stacked;
    Shape shape;
    for (const auto& y : p.years) {
      std::vector<double> dense = DenseVariable(block, y.x, shape);
      stacked.insert(stacked.end(), dense.begin(), dense.end());
    }
    shape.insert(shape.begin(), p.years.size());
    std::vector<std::string> dims;
    for (const auto* set : block.dims()) dims.push_back(set->name());
    w.WriteArray(group + "/" + block.name(), stacked, shape,
                 {WithYear(dims), block.unit(), block.description()});
  }
}

void WriteParameters(Hdf5Writer& w, const std::string& group, const PathOutcome& p) {
  if (p.years.empty()) return;
  const auto views = detail::ParameterViews(p.years.front().parameters);
  for (std::size_t k = 0; k < views.size(); ++k) {
    std::vector<double> stacked;
    Shape shape = {p.years.size()};
    for (std::size_t d = 0; d < views[k].dims.size(); ++d)
      shape.push_back(views[k].table->extents()[d]);
    for (const auto& y : p.years) {
      const auto& v = detail::ParameterViews(y.parameters)[k].table->values();
      stacked.insert(stacked.end(), v.begin(), v.end());
    }
    w.WriteArray(group + "/" + views[k].name, stacked, shape,
                 {WithYear(views[k].dims), "", views[k].description});
  }
}

void WriteSolver(Hdf5Writer& w, const std::string& g, const PathOutcome& p) {
  std::vector<std::string> status;
  std::vector<double> max_res, walras, compl_res, seconds;
  std::vector<long long> iterations, lu, solves, calibration;
  for (const auto& y : p.years) {
    status.push_back(solver::StatusName(y.summary.status));
    max_res.push_back(y.summary.max_residual);
    walras.push_back(y.summary.walras_residual);
    compl_res.push_back(y.summary.complementarity_residual);
    seconds.push_back(y.summary.seconds);
    iterations.push_back(y.summary.iterations);
    lu.push_back(y.summary.factorizations);
    solves.push_back(y.accounts.solves);
    calibration.push_back(y.accounts.calibration_iterations);
  }
  const Shape n = {p.years.size()};
  w.WriteStrings(g + "/status", status, {{"year"}, "", "status of the year's last solve"});
  w.WriteArray(g + "/max_residual", max_res, n, {{"year"}, "", "largest scaled residual"});
  w.WriteArray(g + "/walras_residual", walras, n, {{"year"}, "", "residual of the dropped row"});
  w.WriteArray(g + "/complementarity_residual", compl_res, n,
               {{"year"}, "", "max |min(v, F)| over complementarity pairs"});
  w.WriteArray(g + "/seconds", seconds, n, {{"year"}, "s", "time of the year's solves"});
  w.WriteIntArray(g + "/iterations", iterations, n, {{"year"}, "", "iterations of the year"});
  w.WriteIntArray(g + "/factorizations", lu, n, {{"year"}, "", "LU factorisations"});
  w.WriteIntArray(g + "/solves", solves, n,
                  {{"year"}, "", "solves: dynamics, each phase step, calibration"});
  w.WriteIntArray(g + "/calibration_solves", calibration, n,
                  {{"year"}, "", "solves of the productivity calibration"});
}

struct Stack {
  Hdf5Writer& w;
  std::string group;
  const PathOutcome& p;
  std::size_t R;
  template <class F>
  void Region(const std::string& name, F get, const char* unit, const char* description) {
    std::vector<double> v;
    for (const auto& y : p.years) {
      const std::vector<double>& row = get(y.accounts);
      v.insert(v.end(), row.begin(), row.end());
    }
    w.WriteArray(group + "/" + name, v, {p.years.size(), R},
                 {{"year", "region"}, unit, description});
  }
  template <class F>
  void Owned(const std::string& name, F get, const char* description) {
    std::vector<double> v;
    for (const auto& y : p.years) {
      const std::vector<double>& row = get(y.accounts);
      v.insert(v.end(), row.begin(), row.end());
    }
    w.WriteArray(group + "/" + name, v, {p.years.size(), R, R},
                 {{"year", "region", "partner"}, "QF units", description});
  }
  template <class F>
  void Scalar(const std::string& name, F get, const char* unit, const char* description) {
    std::vector<double> v;
    for (const auto& y : p.years) v.push_back(get(y.accounts));
    w.WriteArray(group + "/" + name, v, {p.years.size()}, {{"year"}, unit, description});
  }
};

void WriteAccounts(Hdf5Writer& w, const std::string& g, const PathOutcome& p, std::size_t R) {
  using A = YearAccounts;
  Stack s{w, g, p, R};
  const char* qf = "QF units";
  s.Region(
      "capital", [](const A& a) -> auto& { return a.capital; }, qf,
      "capital endowment QF, end of year");
  s.Region(
      "depreciation", [](const A& a) -> auto& { return a.depreciation; }, qf,
      "delta x capital of the year before");
  s.Region(
      "installed", [](const A& a) -> auto& { return a.installed; }, qf,
      "rental x real investment of the year before");
  s.Region(
      "inflow", [](const A& a) -> auto& { return a.inflow; }, qf,
      "foreign direct investment stated by the path");
  s.Region(
      "policy", [](const A& a) -> auto& { return a.policy; }, qf,
      "change by the year's scenario phases");
  s.Owned(
      "owned", [](const A& a) -> auto& { return a.owned; },
      "capital of region owned by partner (ownq), end of year");
  s.Owned(
      "owned_inflow", [](const A& a) -> auto& { return a.owned_inflow; },
      "inflow owned by partner");
  s.Owned(
      "owned_policy", [](const A& a) -> auto& { return a.owned_policy; },
      "ownership change by the year's phases");
  s.Region(
      "investment", [](const A& a) -> auto& { return a.investment; }, "bvu",
      "real investment sum_i (1+tc0) XV");
  s.Region(
      "rental", [](const A& a) -> auto& { return a.rental; }, "QF units per bvu",
      "2015 rental rate qf0 / (capital_output x GDP0)");
  s.Region(
      "gdp", [](const A& a) -> auto& { return a.gdp; }, "bvu", "real GDP, sum of VA");
  s.Region(
      "gdp_growth", [](const A& a) -> auto& { return a.gdp_growth; }, "fraction",
      "real GDP growth into the year");
  s.Region(
      "target_gdp_growth", [](const A& a) -> auto& { return a.target_growth; }, "fraction",
      "the data's GDP growth (dynamics.csv)");
  s.Region(
      "tfp_growth", [](const A& a) -> auto& { return a.tfp_growth; }, "fraction",
      "productivity growth into the year");
  s.Region(
      "baseline_tfp_growth", [](const A& a) -> auto& { return a.baseline_tfp_growth; }, "fraction",
      "the baseline's productivity growth (calibrated on a baseline path)");
  s.Region(
      "labour_force", [](const A& a) -> auto& { return a.labour_force; }, "persons",
      "labour force (NaN without data)");
  s.Scalar(
      "catch_up_rate", [](const A& a) { return a.catch_up_rate; }, "", "lambda of the catch-up");
  s.Scalar(
      "productivity_gap", [](const A& a) { return a.productivity_gap; }, "",
      "frontier over region output per worker, the year before");
  s.Scalar(
      "military_released", [](const A& a) { return a.military_released; }, "fraction",
      "share of government consumption released (peace dividend)");
  s.Scalar(
      "soldiers_released", [](const A& a) { return a.soldiers_released; }, "persons",
      "soldiers released into the labour force so far");
}

void WritePath(Hdf5Writer& w, const model::Model& model, const PathOutcome& p) {
  const std::string g = "/paths/" + p.name;
  w.CreateGroup(g);
  w.SetAttribute(g, "description", p.description);
  w.SetAttribute(g, "definition", p.definition);
  w.SetAttribute(g, "baseline", p.baseline);
  w.SetAttribute(g, "status",
                 p.converged ? std::string("converged") : solver::StatusName(p.failure.status));
  w.SetAttribute(g, "converged", p.converged ? 1LL : 0LL);
  w.SetAttribute(g, "failed_year", static_cast<long long>(p.failed_year));
  w.SetAttribute(g, "message", p.message);
  w.SetAttribute(g, "opening_year", static_cast<long long>(p.opening_year));
  w.SetAttribute(g, "events", p.events);
  w.SetAttribute(g, "notes", p.notes);
  std::vector<long long> years;
  for (const auto& y : p.years) years.push_back(y.year);
  w.WriteIntArray(g + "/years", years, {years.size()}, {{"year"}, "", "years solved, in order"});
  if (!p.years.empty()) {
    WriteVariables(w, g + "/variables", model, p);
    WriteParameters(w, g + "/parameters", p);
    WriteSolver(w, g + "/solver", p);
    WriteAccounts(w, g + "/dynamics", p, model.sets().regions.size());
  }
  if (!p.converged) detail::WriteSummary(w, g + "/failure", p.failure);
}

}  // namespace

void WritePaths(Hdf5Writer& w, const model::Model& model, const std::vector<PathOutcome>& paths) {
  for (const auto& p : paths) WritePath(w, model, p);
}

}  // namespace peninsula::io
