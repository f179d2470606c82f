// HDF5 results.
#include "io/results_writer.hpp"

#include <chrono>
#include <cmath>
#include <ctime>

#include "io/hdf5_store.hpp"
#include "io/results_detail.hpp"
#include "io/sha256.hpp"

namespace peninsula::io {

namespace detail {

std::vector<ParameterView> ParameterViews(const model::ShockableParameters& p) {
  return {
      {"tfp", {"region", "sector"}, &p.tfp, "value-added productivity shifter"},
      {"tp", {"region", "sector"}, &p.tp, "production tax rate"},
      {"tc", {"region", "sector"}, &p.tc, "sales tax rate"},
      {"tm",
       {"sector", "partner", "region"},
       &p.tm,
       "import tariff rate (commodity, source, destination)"},
      {"te",
       {"sector", "region", "partner"},
       &p.te,
       "export tax rate (commodity, exporter, destination)"},
      {"tdir", {"region", "household"}, &p.tdir, "direct tax rate"},
      {"tf", {"region", "factor"}, &p.tf, "factor income tax rate"},
      {"pwe", {"sector"}, &p.pwe, "world export price (small open economy)"},
      {"pwm", {"sector"}, &p.pwm, "world import price (small open economy)"},
      {"fsav", {"region"}, &p.fsav, "net foreign savings, world currency"},
      {"sigma_va", {"region", "sector"}, &p.sigma_va, "value-added substitution elasticity"},
      {"sigma_d", {"region", "sector"}, &p.sigma_d, "Armington elasticity, domestic vs imports"},
      {"sigma_m", {"region", "sector"}, &p.sigma_m, "Armington elasticity across sources"},
      {"omega", {"region", "sector"}, &p.omega, "CET elasticity (inf: perfect transformation)"},
      {"quota",
       {"sector", "partner", "region"},
       &p.quota,
       "cap on a bilateral flow, share of its benchmark level (inf: no cap)"},
      {"wfloor", {"region", "factor"}, &p.wfloor, "floor on the real wage PF/CPI (0: none)"},
      {"ownq",
       {"region", "factor", "partner"},
       &p.ownq,
       "units of a factor owned by another region, whose income goes there"},
      {"access",
       {"sector", "partner", "region"},
       &p.access,
       "opening of a flow absent in the benchmark (latent_trade.csv): 0 closed, 1 open"},
      {"entry",
       {"region", "sector"},
       &p.entry,
       "output per input bundle of an entering technology (entry.csv): 0 unavailable"},
  };
}

void WriteSummary(Hdf5Writer& w, const std::string& group, const solver::SolveSummary& s) {
  w.CreateGroup(group);
  w.SetAttribute(group, "solver", s.solver);
  w.SetAttribute(group, "status", solver::StatusName(s.status));
  w.SetAttribute(group, "iterations", static_cast<long long>(s.iterations));
  w.SetAttribute(group, "max_residual", s.max_residual);
  w.SetAttribute(group, "walras_residual", s.walras_residual);
  w.SetAttribute(group, "complementarity_residual", s.complementarity_residual);
  w.SetAttribute(group, "factorizations", static_cast<long long>(s.factorizations));
  w.SetAttribute(group, "seconds", s.seconds);
  w.SetAttribute(group, "homotopy_steps", static_cast<long long>(s.homotopy_steps));
  w.SetAttribute(group, "message", s.message);
  std::vector<std::string> names;
  std::vector<double> values;
  for (const auto& e : s.worst) {
    names.push_back(e.equation);
    values.push_back(e.residual);
  }
  w.WriteStrings(group + "/worst_equations", names,
                 {{"rank"}, "", "equations with the largest scaled residuals"});
  w.WriteArray(group + "/worst_residuals", values, {values.size()},
               {{"rank"}, "", "their scaled residuals"});
  names.clear();
  values.clear();
  for (const auto& [block, r] : s.max_residual_by_block) {
    names.push_back(block);
    values.push_back(r);
  }
  w.WriteStrings(group + "/blocks", names, {{"block"}, "", "equation blocks"});
  w.WriteArray(group + "/max_residual_by_block", values, {values.size()},
               {{"block"}, "", "largest scaled residual per block"});
}

}  // namespace detail

namespace {

using detail::WriteSummary;
using model::Table;

std::string UtcNow() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

void WriteParameters(Hdf5Writer& w, const std::string& group, const model::ShockableParameters& p) {
  for (const auto& v : detail::ParameterViews(p)) {
    std::vector<std::size_t> shape;
    for (std::size_t d = 0; d < v.dims.size(); ++d) shape.push_back(v.table->extents()[d]);
    w.WriteArray(group + "/" + v.name, v.table->values(), shape, {v.dims, "", v.description});
  }
}

void WriteVariables(Hdf5Writer& w, const std::string& group, const model::Model& model,
                    const std::vector<double>& x) {
  for (const auto& block : model.registry().blocks()) {
    std::vector<std::size_t> shape;
    std::vector<double> dense = DenseVariable(block, x, shape);
    std::vector<std::string> dims;
    for (const auto* set : block.dims()) dims.push_back(set->name());
    w.WriteArray(group + "/" + block.name(), dense, shape,
                 {dims, block.unit(), block.description()});
  }
}

// Intermediate equilibria of a phased scenario: /scenarios/<name>/phases/<NN>_<phase>.
void WritePhases(Hdf5Writer& w, const std::string& scenario_group, const model::Model& model,
                 const std::vector<PhaseOutcome>& phases) {
  std::vector<std::string> names;
  for (std::size_t k = 0; k < phases.size(); ++k) {
    const PhaseOutcome& ph = phases[k];
    std::string prefix = (k + 1 < 10 ? "0" : "") + std::to_string(k + 1) + "_";
    std::string g = scenario_group + "/phases/" + prefix + ph.name;
    names.push_back(prefix + ph.name);
    w.CreateGroup(g);
    w.SetAttribute(g, "status", solver::StatusName(ph.summary.status));
    w.SetAttribute(g, "converged", ph.summary.converged() ? 1LL : 0LL);
    WriteSummary(w, g + "/solver", ph.summary);
    WriteParameters(w, g + "/parameters", ph.parameters);
    WriteVariables(w, g + "/variables", model, ph.x);
  }
  if (!names.empty()) {
    w.WriteStrings(scenario_group + "/phase_order", names,
                   {{"phase"}, "", "phases of the path in the order they were solved"});
  }
}

void WriteProvenance(Hdf5Writer& w, const model::Model& model, const Provenance& p) {
  w.SetAttribute("/", "format", "peninsula-results");
  w.SetAttribute("/", "format_version", 1LL);
  w.SetAttribute("/", "peninsula_version", VersionString());
  w.SetAttribute("/", "git_commit", GitCommit());
  w.SetAttribute("/", "created_utc", UtcNow());
  w.SetAttribute("/", "command_line", p.command_line);
  w.SetAttribute("/", "data_directory", p.data_directory.string());
  w.SetAttribute("/", "mode", model.data().small_open ? "small_open_economy" : "multi_region");
  w.SetAttribute("/", "study", p.study_text);
  std::vector<std::string> files, hashes;
  for (const auto& f : p.inputs) {
    files.push_back(f.string());
    hashes.push_back(Sha256File(f));
  }
  w.WriteStrings("/provenance/input_files", files, {{"input"}, "", "input files read"});
  w.WriteStrings("/provenance/input_sha256", hashes, {{"input"}, "", "SHA-256 of each input file"});
}

}  // namespace

std::string VersionString() { return PENINSULA_VERSION; }
std::string GitCommit() { return PENINSULA_GIT_COMMIT; }

std::vector<double> DenseVariable(const model::VariableBlock& block, const std::vector<double>& x,
                                  std::vector<std::size_t>& shape) {
  shape.clear();
  std::array<std::size_t, 3> extent{1, 1, 1};
  for (std::size_t d = 0; d < block.dims().size(); ++d) {
    extent[d] = block.dims()[d]->size();
    shape.push_back(extent[d]);
  }
  double fill = block.kind() == model::VarKind::kPrice ? NAN : 0.0;
  std::vector<double> dense(extent[0] * extent[1] * extent[2], fill);
  for (int k = 0; k < block.size(); ++k) {
    const auto& t = block.tuple(k);
    dense[(t[0] * extent[1] + t[1]) * extent[2] + t[2]] = x[block.offset() + k];
  }
  return dense;
}

// Zone regions name the country they belong to, so readers can aggregate them into it.
void WriteRegionParents(Hdf5Writer& w, const model::ModelData& d) {
  const auto& regions = d.sets.regions.labels();
  std::vector<std::string> parents;
  for (size_t r = 0; r < regions.size(); ++r) {
    const int p = r < d.parent.size() ? d.parent[r] : -1;
    parents.push_back(p >= 0 ? regions[p] : "");
  }
  w.WriteStrings("/sets/region_parent", parents,
                 {{"region"}, "", "country a zone region belongs to (empty: none)"});
}

void WriteResults(const std::filesystem::path& path, bool overwrite, const model::Model& model,
                  const std::vector<ScenarioOutcome>& outcomes, const Provenance& provenance,
                  const std::function<void(Hdf5Writer&)>& extra) {
  Hdf5Writer w = Hdf5Writer::Create(path, overwrite);
  WriteProvenance(w, model, provenance);
  const auto& s = model.sets();
  for (const model::Set* set : {&s.regions, &s.sectors, &s.factors, &s.households, &s.partners}) {
    w.WriteAxis(set->name(), set->labels());
  }
  WriteRegionParents(w, model.data());
  WriteVariables(w, "/benchmark/variables", model, model.benchmark());
  WriteParameters(w, "/benchmark/parameters", model.data().p0);
  for (const auto& o : outcomes) {
    std::string g = "/scenarios/" + o.name;
    w.CreateGroup(g);
    w.SetAttribute(g, "description", o.description);
    w.SetAttribute(g, "definition", o.definition);
    w.SetAttribute(g, "status", solver::StatusName(o.summary.status));
    w.SetAttribute(g, "converged", o.summary.converged() ? 1LL : 0LL);
    WriteSummary(w, g + "/solver", o.summary);
    WriteParameters(w, g + "/parameters", o.parameters);
    if (o.summary.converged()) WriteVariables(w, g + "/variables", model, o.x);
    WritePhases(w, g, model, o.phases);
  }
  if (extra) extra(w);
  w.Commit();
}

}  // namespace peninsula::io
