// /paths/<name>/analysis: the path-against-baseline series stacked along the year axis, and
// the turning points (docs/hdf5-schema.md, "Paths").
#include "app/analysis/path_analysis.hpp"

namespace peninsula::app::analysis {
namespace {

using Shape = std::vector<std::size_t>;
using Dims = std::vector<std::string>;

struct Stacker {
  io::Hdf5Writer& w;
  std::string group;
  const PathSeries& s;
  template <class F>
  void Series(const std::string& name, F get, Shape inner, Dims dims, const char* unit,
              const char* description) {
    std::vector<double> v;
    for (const Comparison& c : s.by_year) {
      const std::vector<double>& x = get(c);
      v.insert(v.end(), x.begin(), x.end());
    }
    inner.insert(inner.begin(), s.years.size());
    dims.insert(dims.begin(), "year");
    w.WriteArray(group + "/" + name, v, inner, {dims, unit, description});
  }
};

void WriteSeries(Stacker st, const model::ModelSets& sets, bool channels) {
  const std::size_t R = sets.regions.size(), I = sets.sectors.size(), F = sets.factors.size();
  const Dims rs = {"region", "sector"};
  using C = Comparison;
  st.Series(
      "macro/real_gdp", [](const C& c) -> auto& { return c.real_gdp; }, {R}, {"region"}, "%",
      "real GDP (sum of VA) against the baseline");
  st.Series(
      "welfare/ev", [](const C& c) -> auto& { return c.ev; }, {R}, {"region"}, "bvu",
      "equivalent variation against the baseline's year, benchmark prices");
  st.Series(
      "welfare/ev_percent", [](const C& c) -> auto& { return c.ev_percent; }, {R}, {"region"}, "%",
      "equivalent variation, % of benchmark household consumption");
  st.Series(
      "macro/terms_of_trade", [](const C& c) -> auto& { return c.terms_of_trade; }, {R}, {"region"},
      "%", "terms of trade against the baseline");
  st.Series(
      "sector/output", [](const C& c) -> auto& { return c.output; }, {R, I}, rs, "%",
      "gross output X against the baseline");
  st.Series(
      "sector/exports", [](const C& c) -> auto& { return c.sector_exports; }, {R, I}, rs, "%",
      "exports E against the baseline");
  st.Series(
      "sector/labour_employment", [](const C& c) -> auto& { return c.sector_labour; }, {R, I}, rs,
      "%", "labour employed against the baseline");
  st.Series(
      "factor/real_return", [](const C& c) -> auto& { return c.real_return; }, {R, F},
      {"region", "factor"}, "%", "average factor return deflated by the CPI");
  st.Series(
      "trade/world_share", [](const C& c) -> auto& { return c.world_share; }, {R, I}, rs,
      "fraction", "share of world exports, path");
  st.Series(
      "trade/world_share_reference", [](const C& c) -> auto& { return c.world_share_ref; }, {R, I},
      rs, "fraction", "share of world exports, baseline");
  st.Series(
      "trade/similarity", [](const C& c) -> auto& { return c.similarity; }, {R, R},
      {"region", "region"}, "fraction", "Finger-Kreinin export similarity, path");
  st.Series(
      "trade/similarity_reference", [](const C& c) -> auto& { return c.similarity_ref; }, {R, R},
      {"region", "region"}, "fraction", "Finger-Kreinin export similarity, baseline");
  if (!channels) return;
  st.w.WriteStrings(st.group + "/competition/channel", ChannelNames(),
                    {{"channel"}, "", "channels of the home sales change"});
  st.Series(
      "competition/channels", [](const C& c) -> auto& { return c.channels; },
      {ChannelNames().size(), I}, {"channel", "sector"}, "bvu",
      "change in home sales by channel against the baseline (sums to total)");
}

void WriteTurningPoints(io::Hdf5Writer& w, const std::string& g, const PathSeries& s, int home,
                        std::size_t I) {
  const std::size_t Y = s.years.size(), M = TurningMeasures().size();
  std::vector<long long> year(M * I, 0), sign(M * I, 0), group_year(M, 0), group_sign(M, 0);
  auto fill = [&](std::size_t m, std::size_t i, const std::vector<double>& v) {
    TurningPoint tp = FindTurningPoint(v, kResponseThreshold);
    sign[m * I + i] = tp.initial_sign;
    year[m * I + i] = tp.index < 0 ? 0 : s.years[tp.index];
  };
  for (std::size_t i = 0; i < I; ++i) {
    std::vector<double> output(Y), net(Y);
    for (std::size_t k = 0; k < Y; ++k) {
      output[k] = s.by_year[k].output[home * I + i];
      net[k] = s.partner_net[k * I + i];
    }
    fill(0, i, output);
    fill(1, i, net);
  }
  for (std::size_t m = 0; m < M; ++m) {
    TurningPoint tp =
        FindTurningPoint(m == 0 ? s.group_output : s.group_partner_net, kResponseThreshold);
    group_sign[m] = tp.initial_sign;
    group_year[m] = tp.index < 0 ? 0 : s.years[tp.index];
  }
  const std::string t = g + "/turning_point";
  w.WriteStrings(t + "/measure", TurningMeasures(), {{"measure"}, "", "responses examined"});
  w.WriteIntArray(t + "/year", year, {M, I},
                  {{"measure", "sector"},
                   "year",
                   "first year the home sector's response changes sign (0: never)"});
  w.WriteIntArray(t + "/initial_sign", sign, {M, I},
                  {{"measure", "sector"},
                   "",
                   "sign of the first response: 1 complements, -1 competes, 0 none"});
  w.WriteIntArray(
      t + "/group_year", group_year, {M},
      {{"measure"}, "year", "the same for the labour-intensive industries as a group (0: never)"});
  w.WriteIntArray(t + "/group_initial_sign", group_sign, {M},
                  {{"measure"}, "", "sign of the group's first response"});
}

void WritePath(io::Hdf5Writer& w, const model::Model& model, const io::PathOutcome& p,
               const PathSeries& s, const AnalysisOptions& o) {
  const std::string g = "/paths/" + p.name + "/analysis";
  const std::size_t I = model.sets().sectors.size();
  w.CreateGroup(g);
  w.SetAttribute(g, "reference", p.baseline);
  w.SetAttribute(g, "home", o.home);
  w.SetAttribute(g, "partner", o.partner);
  w.SetAttribute(g, "comparators", o.comparators);
  w.SetAttribute(g, "notes", s.notes);
  std::vector<long long> years(s.years.begin(), s.years.end());
  w.WriteIntArray(g + "/years", years, {years.size()}, {{"year"}, "", "years compared"});
  const bool channels = !s.by_year.front().channels.empty();
  WriteSeries(Stacker{w, g, s}, model.sets(), channels);
  w.WriteIntArray(
      g + "/sector/labour_intensive", s.labour_intensive, {I},
      {{"sector"}, "", "1 if labour-intensive in the baseline's opening year (docs/analysis.md)"});
  auto home = model.sets().regions.Find(o.home);
  if (!channels || !home) return;
  w.WriteArray(g + "/competition/partner_net", s.partner_net, {s.years.size(), I},
               {{"year", "sector"},
                "%",
                "partner_demand plus the partner competition channels, % of the baseline's home "
                "sales"});
  w.WriteArray(g + "/labour_intensive/output", s.group_output, {s.years.size()},
               {{"year"}, "%", "home's output of the labour-intensive industries"});
  w.WriteArray(
      g + "/labour_intensive/partner_net", s.group_partner_net, {s.years.size()},
      {{"year"}, "%", "partner net effect on home's labour-intensive sales, % of the baseline's"});
  WriteTurningPoints(w, g, s, *home, I);
}

}  // namespace

void WritePathAnalysis(io::Hdf5Writer& w, const model::Model& model,
                       const std::vector<io::PathOutcome>& paths, const AnalysisOptions& options) {
  for (const auto& p : paths) {
    if (p.baseline.empty()) continue;
    const io::PathOutcome* base = nullptr;
    for (const auto& b : paths)
      if (b.name == p.baseline) base = &b;
    if (!base) continue;
    PathSeries s = ComparePaths(model, *base, p, options);
    if (!s.years.empty()) WritePath(w, model, p, s, options);
  }
}

}  // namespace peninsula::app::analysis
