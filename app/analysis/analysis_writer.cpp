// The analysis groups of the results file: one Comparison per (scenario, reference), the
// welfare decomposition by shock group, and by phase for phased scenarios.
#include "app/analysis/analysis_writer.hpp"

#include "app/analysis/decomposition.hpp"
#include "app/analysis/welfare_sources.hpp"

namespace peninsula::app::analysis {
namespace {

namespace an = app::analysis;
using io::Hdf5Writer;
using io::ScenarioOutcome;

struct Writer {
  Hdf5Writer& w;
  std::string group;
  void Array(const std::string& name, const std::vector<double>& v, std::vector<std::size_t> shape,
             std::vector<std::string> dims, const char* unit, const char* description) {
    w.WriteArray(group + "/" + name, v, shape, {std::move(dims), unit, description});
  }
  void Ints(const std::string& name, const std::vector<long long>& v, std::vector<std::string> dims,
            const char* description) {
    w.WriteIntArray(group + "/" + name, v, {v.size()}, {std::move(dims), "", description});
  }
};

void WriteComparison(Writer o, const model::ModelSets& s, const an::Comparison& c) {
  const std::size_t R = s.regions.size(), I = s.sectors.size(), F = s.factors.size();
  const std::size_t P = s.partners.size();
  const std::vector<std::string> rs = {"region", "sector"}, rf = {"region", "factor"};
  o.Array("welfare/ev", c.ev, {R}, {"region"}, "bvu",
          "Hicksian equivalent variation in benchmark prices");
  o.Array("welfare/ev_percent", c.ev_percent, {R}, {"region"}, "%",
          "equivalent variation, % of benchmark household consumption");
  o.Array("macro/real_gdp", c.real_gdp, {R}, {"region"}, "%", "real GDP (sum of VA)");
  o.Array("macro/terms_of_trade", c.terms_of_trade, {R}, {"region"}, "%", "terms of trade");
  o.Array("macro/exports", c.exports, {R}, {"region"}, "%", "export volume");
  o.Array("macro/imports", c.imports, {R}, {"region"}, "%", "import volume");
  o.Array("sector/output", c.output, {R, I}, rs, "%", "gross output X");
  o.Array("sector/exports", c.sector_exports, {R, I}, rs, "%", "exports E");
  o.Array("sector/labour_employment", c.sector_labour, {R, I}, rs, "%", "labour employed");
  o.Array("sector/labour_share_reference", c.labour_share_ref, {R, I}, rs, "fraction",
          "labour share of value added, reference");
  o.Array("sector/labour_share", c.labour_share, {R, I}, rs, "fraction",
          "labour share of value added, scenario");
  o.Ints("sector/labour_intensive", c.labour_intensive, {"sector"},
         "1 if the sector's world labour share is above the world average (reference)");
  o.Ints("factor/labour", c.labour_factor, {"factor"}, "1 for labour factors");
  o.Array("factor/employment", c.employment, {R, F}, rf, "%", "factor employed (sum of F)");
  o.Array("factor/real_return", c.real_return, {R, F}, rf, "%",
          "average factor return deflated by the CPI");
  o.Array("trade/bilateral_reference", c.bilateral_ref, {P, R}, {"partner", "region"}, "bvu",
          "imports of region from partner, all sectors, reference");
  o.Array("trade/bilateral", c.bilateral, {P, R}, {"partner", "region"}, "bvu",
          "imports of region from partner, all sectors, scenario");
  o.Array("trade/rca_reference", c.rca_ref, {R, I}, rs, "", "Balassa RCA, reference");
  o.Array("trade/rca", c.rca, {R, I}, rs, "", "Balassa RCA, scenario");
  o.Array("trade/world_share_reference", c.world_share_ref, {R, I}, rs, "fraction",
          "share of world exports, reference");
  o.Array("trade/world_share", c.world_share, {R, I}, rs, "fraction",
          "share of world exports, scenario");
  o.Array("trade/similarity_reference", c.similarity_ref, {R, R}, {"region", "region"}, "fraction",
          "Finger-Kreinin export similarity, reference");
  o.Array("trade/similarity", c.similarity, {R, R}, {"region", "region"}, "fraction",
          "Finger-Kreinin export similarity, scenario");
  if (!c.channels.empty()) {
    o.w.WriteStrings(o.group + "/competition/channel", an::ChannelNames(),
                     {{"channel"}, "", "channels of the home sales change"});
    o.Array("competition/channels", c.channels, {an::ChannelNames().size(), I},
            {"channel", "sector"}, "bvu", "change in home sales by channel (sums to total)");
  }
  o.w.SetAttribute(o.group, "notes", c.notes);
}

void WriteDecomposition(Hdf5Writer& w, const std::string& group, const an::Decomposition& d,
                        std::size_t regions, const char* what) {
  w.CreateGroup(group);
  w.SetAttribute(
      group, "method",
      std::string("Shapley value over ") + what + ", each coalition re-solved from the reference");
  w.SetAttribute(group, "note", d.note);
  if (d.components.empty()) return;
  w.WriteStrings(group + "/component", d.components, {{"component"}, "", what});
  std::vector<double> flat;
  for (const auto& row : d.ev) flat.insert(flat.end(), row.begin(), row.end());
  w.WriteArray(group + "/ev", flat, {d.components.size(), regions},
               {{"component", "region"},
                "bvu",
                "Shapley contribution to the equivalent variation (sums to welfare/ev)"});
}

void WriteSources(Hdf5Writer& w, const std::string& group, const an::SourceDecomposition& d,
                  std::size_t regions) {
  w.CreateGroup(group);
  w.SetAttribute(group, "method",
                 "linearised welfare equation integrated along the path of re-solved equilibria "
                 "(trapezoid over " +
                     std::to_string(d.steps) + " steps" +
                     (d.extrapolated ? ", Richardson-extrapolated" : "") + ")");
  w.SetAttribute(group, "steps", static_cast<long long>(d.steps));
  w.SetAttribute(group, "note", d.note);
  if (d.parts.empty()) return;
  w.WriteStrings(group + "/component", d.parts, {{"component"}, "", "economic sources"});
  std::vector<std::string> groups;
  for (std::size_t k = 0; k < d.parts.size(); ++k) groups.push_back(an::SourceGroup(int(k)));
  w.WriteStrings(group + "/component_group", groups,
                 {{"component"}, "", "the group of each source in the report's chart"});
  std::vector<double> flat;
  for (const auto& row : d.ev) flat.insert(flat.end(), row.begin(), row.end());
  w.WriteArray(group + "/ev", flat, {d.parts.size(), regions},
               {{"component", "region"},
                "bvu",
                "contribution of each source to the equivalent variation (with residual, sums "
                "to welfare/ev)"});
  w.WriteArray(group + "/residual", d.residual, {regions},
               {{"region"}, "bvu", "welfare/ev minus the sum of the sources"});
}

}  // namespace

namespace {

struct Reference {
  std::string name;
  an::Point point;
  an::State state;
};

std::unique_ptr<an::Resolver> MakeResolver(const model::Model& model, const ScenarioOutcome& o,
                                           std::vector<std::string>& notes) {
  // Coalitions are solved straight from the reference, not along the scenario's own path, so
  // their rounding differs: the Walras check is relaxed to 1e-6 here, and the decomposition
  // is kept only if the full coalition reproduces the scenario's EV (DecomposeWelfare).
  // Newton with a short homotopy only: a state it cannot reach is reported as a note, not
  // searched for with the Ipopt fallback, which at this size costs seconds per state and
  // would make the analysis dominate the run.
  solver::SolveOptions solve;
  solve.walras_tolerance = 1e-6;
  solve.method = solver::Method::kNewton;
  solve.max_homotopy_steps = 16;
  try {
    return std::make_unique<an::Resolver>(model.data(), o.closure, solve);
  } catch (const std::exception& e) {
    notes.push_back(std::string("welfare decomposition skipped: ") + e.what());
    return nullptr;
  }
}

std::string PhaseName(std::size_t k, const std::string& name) {
  return (k + 1 < 10 ? "0" : "") + std::to_string(k + 1) + "_" + name;
}

// A phased scenario against the benchmark: each step's contribution along the path solved
// (sequential) and its Shapley value over every subset of steps (re-solved).
void WritePhases(Hdf5Writer& w, const std::string& group, an::Resolver& resolver,
                 const model::Model& model, const ScenarioOutcome& o) {
  std::vector<an::Point> points = {{&model.data().p0, &model.benchmark()}};
  std::vector<an::Component> components;
  for (std::size_t k = 0; k < o.phases.size(); ++k) {
    points.push_back({&o.phases[k].parameters, &o.phases[k].x});
    components.push_back({PhaseName(k, o.phases[k].name), {}});
  }
  points.push_back({&o.parameters, &o.x});
  components.push_back({PhaseName(o.phases.size(), o.name), {}});
  std::vector<std::vector<double>> ev;
  auto u0 = an::Utilities(model, an::ReadState(model, model.benchmark(), model.data().p0));
  for (const auto& p : points) {
    ev.push_back(an::RegionEv(model, u0, an::Utilities(model, an::ReadState(model, *p.x, *p.p))));
  }
  std::vector<double> sequential;
  for (std::size_t k = 0; k < components.size(); ++k) {
    components[k].changes = resolver.Differences(points[k], points[k + 1]);
    for (std::size_t r = 0; r < ev[k].size(); ++r) sequential.push_back(ev[k + 1][r] - ev[k][r]);
  }
  an::Decomposition d = an::DecomposeWelfare(resolver, points[0], components, ev.back());
  WriteDecomposition(w, group, d, ev[0].size(), "phases");
  std::vector<std::string> names;
  for (const auto& c : components) names.push_back(c.name);
  if (d.components.empty()) w.WriteStrings(group + "/component", names, {{"component"}, "", ""});
  w.WriteArray(group + "/sequential", sequential, {names.size(), ev[0].size()},
               {{"component", "region"},
                "bvu",
                "EV added by each step along the solved path (sums to welfare/ev)"});
}

}  // namespace

namespace {

// The analysis of one converged scenario against each reference; `held` (may be empty) seeds
// the re-solves' chord steps.
void WriteOutcome(Hdf5Writer& w, const model::Model& model, const ScenarioOutcome& o,
                  const std::vector<Reference>& refs, const AnalysisOptions& options,
                  solver::HeldFactorization held) {
  const auto& sets = model.sets();
  const std::string g = "/scenarios/" + o.name + "/analysis";
  w.CreateGroup(g);
  w.SetAttribute(g, "home", options.home);
  w.SetAttribute(g, "partner", options.partner);
  w.SetAttribute(g, "comparators", options.comparators);
  std::vector<std::string> notes;
  w.SetAttribute(g, "references", [&] {
    std::vector<std::string> names;
    for (const auto& r : refs) names.push_back(r.name);
    return names;
  }());
  an::Point point{&o.parameters, &o.x};
  an::State state = an::ReadState(model, o.x, o.parameters);
  auto resolver = options.decompose ? MakeResolver(model, o, notes) : nullptr;
  if (resolver) resolver->UseFactorization(std::move(held));
  for (const auto& ref : refs) {
    an::Comparison c = an::Compare(model, ref.state, state, options);
    const std::string rg = g + "/" + ref.name;
    WriteComparison(Writer{w, rg}, sets, c);
    if (!resolver) continue;
    an::Decomposition d = an::DecomposeWelfare(*resolver, ref.point,
                                               an::ShockGroups(*resolver, ref.point, point), c.ev);
    WriteDecomposition(w, rg + "/welfare/by_group", d, sets.regions.size(), "shock groups");
    WriteSources(w, rg + "/welfare/by_source",
                 an::DecomposeBySource(*resolver, ref.point, point, c.ev, options.sources),
                 sets.regions.size());
  }
  if (resolver && !o.phases.empty()) {
    WritePhases(w, g + "/benchmark/welfare/by_phase", *resolver, model, o);
  }
  w.SetAttribute(g, "notes", notes);
}

}  // namespace

void WriteAnalysis(Hdf5Writer& w, const model::Model& model,
                   const std::vector<ScenarioOutcome>& outcomes, const AnalysisOptions& options,
                   HeldForOutcome held) {
  Reference benchmark{"benchmark",
                      {&model.data().p0, &model.benchmark()},
                      an::ReadState(model, model.benchmark(), model.data().p0)};
  const ScenarioOutcome* status_quo = nullptr;
  for (const auto& o : outcomes) {
    if (o.name == options.status_quo && o.summary.converged()) status_quo = &o;
  }
  auto analyse = [&](std::size_t k, solver::HeldFactorization factorization) {
    const ScenarioOutcome& o = outcomes[k];
    if (!o.summary.converged()) return;
    std::vector<Reference> refs = {benchmark};
    if (status_quo && status_quo != &o) {
      refs.push_back({options.status_quo,
                      {&status_quo->parameters, &status_quo->x},
                      an::ReadState(model, status_quo->x, status_quo->parameters)});
    }
    WriteOutcome(w, model, o, refs, options, std::move(factorization));
  };
  // The scenario holding a factorisation first, so that it is released before any other
  // scenario's re-solves factorise: one large factorisation in memory at a time.
  bool first = held.factorization.lu && held.outcome < outcomes.size();
  if (first) analyse(held.outcome, std::move(held.factorization));
  for (std::size_t k = 0; k < outcomes.size(); ++k) {
    if (!(first && k == held.outcome)) analyse(k, {});
  }
}

}  // namespace peninsula::app::analysis
