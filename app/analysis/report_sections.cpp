// The executive summary and the per-scenario sections of the report.
#include <algorithm>

#include "app/analysis/report_source.hpp"
#include "app/analysis/svg.hpp"

namespace peninsula::app::analysis {
namespace {

std::string Id(std::string s) {
  for (char& c : s)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return s;
}

// A table with one row per label and one column per named vector.
DataTable ByRow(std::string id, std::string title, std::string first,
                const std::vector<std::string>& labels,
                const std::vector<std::pair<std::string, std::vector<double>>>& columns) {
  DataTable t{std::move(id), std::move(title), {std::move(first)}, {}};
  for (const auto& [name, v] : columns) t.header.push_back(name);
  for (std::size_t i = 0; i < labels.size(); ++i) {
    std::vector<Cell> row = {Cell::Text(labels[i])};
    for (const auto& col : columns) row.push_back(Cell::Number(col.second.at(i)));
    t.rows.push_back(std::move(row));
  }
  return t;
}

// Row-major [rows][cols] as a table with row labels.
DataTable Matrix(std::string id, std::string title, std::string corner,
                 const std::vector<std::string>& rows, const std::vector<std::string>& cols,
                 const std::vector<double>& v) {
  std::vector<std::pair<std::string, std::vector<double>>> columns;
  for (std::size_t j = 0; j < cols.size(); ++j) {
    std::vector<double> c;
    for (std::size_t i = 0; i < rows.size(); ++i) c.push_back(v.at(i * cols.size() + j));
    columns.push_back({cols[j], c});
  }
  return ByRow(std::move(id), std::move(title), std::move(corner), rows, columns);
}

std::vector<double> Row(const std::vector<double>& v, std::size_t r, std::size_t n) {
  return {v.begin() + r * n, v.begin() + (r + 1) * n};
}

// Regions shown side by side: home and partner when the file has them, otherwise all.
std::vector<int> ShownRegions(const ResultsSource& src, const ReportOptions& o) {
  std::vector<int> out;
  for (const auto& label : {o.home, o.partner})
    if (auto r = src.Region(label)) out.push_back(*r);
  if (out.size() < 2) {
    out.clear();
    for (std::size_t r = 0; r < src.regions().size(); ++r) out.push_back(static_cast<int>(r));
  }
  return out;
}

void Decomposition(const ResultsSource& src, const std::string& group, const std::string& id,
                   const std::string& title, const std::vector<double>& ev, Section& sec) {
  if (!src.Has(group + "/ev")) {
    if (src.Has(group))
      sec.items.push_back(title + ": not available (" + src.Attribute(group, "note") + ").");
    return;
  }
  auto comps = src.NeedStrings(group + "/component");
  auto v = src.Need(group + "/ev");
  const std::size_t R = src.regions().size();
  Chart c{ChartKind::kStacked, id, title, "EV, benchmark value units", src.regions(), {}, {}, ev};
  for (std::size_t k = 0; k < comps.size(); ++k) c.series.push_back({comps[k], Row(v, k, R)});
  sec.items.push_back(std::move(c));
  DataTable t = Matrix(id, title + " — " + src.Attribute(group, "method"), "component", comps,
                       src.regions(), v);
  std::vector<Cell> total = {Cell::Text("total (welfare/ev)")};
  for (double x : ev) total.push_back(Cell::Number(x));
  t.rows.push_back(std::move(total));
  sec.items.push_back(std::move(t));
}

// The parts summed by their report group (allocative efficiency, terms of trade, ...), in the
// order the groups first appear. Every group is kept, so a group has the same colour in every
// scenario's chart (a zero draws nothing).
std::vector<Series> GroupedSources(const std::vector<std::string>& groups,
                                   const std::vector<double>& v, std::size_t regions) {
  std::vector<Series> out;
  for (std::size_t k = 0; k < groups.size(); ++k) {
    auto it =
        std::find_if(out.begin(), out.end(), [&](const Series& x) { return x.name == groups[k]; });
    if (it == out.end())
      it = out.insert(out.end(), Series{groups[k], std::vector<double>(regions, 0.0)});
    for (std::size_t r = 0; r < regions; ++r) it->values[r] += v[k * regions + r];
  }
  return out;
}

// Welfare by economic source: a stacked chart of the groups and the residual, and a table of
// every part with the residual and the total.
void Sources(const ResultsSource& src, const std::string& group, const std::string& id,
             const std::string& title, const std::vector<double>& ev, Section& sec) {
  if (!src.Has(group + "/ev")) {
    if (src.Has(group))
      sec.items.push_back(title + ": not available (" + src.Attribute(group, "note") + ").");
    return;
  }
  auto parts = src.NeedStrings(group + "/component");
  auto v = src.Need(group + "/ev");
  auto residual = src.Need(group + "/residual");
  const std::size_t R = src.regions().size();
  Chart c{ChartKind::kStacked, id, title, "EV, benchmark value units", src.regions(), {}, {}, ev};
  c.series = GroupedSources(src.NeedStrings(group + "/component_group"), v, R);
  c.series.push_back({"residual", residual});
  sec.items.push_back(std::move(c));
  DataTable t = Matrix(id, title + " — " + src.Attribute(group, "method"), "component", parts,
                       src.regions(), v);
  for (const auto& [name, row] :
       {std::pair{"residual", residual}, std::pair{"total (welfare/ev)", ev}}) {
    std::vector<Cell> cells = {Cell::Text(name)};
    for (double x : row) cells.push_back(Cell::Number(x));
    t.rows.push_back(std::move(cells));
  }
  sec.items.push_back(std::move(t));
}

void Reference(const ResultsSource& src, const ScenarioInfo& s, const std::string& ref,
               const ReportOptions& o, Section& sec) {
  auto P = [&](const std::string& rest) { return AnalysisPath(s.name, ref, rest); };
  const std::string id = Id(s.name + "_" + ref);
  const auto& regions = src.regions();
  const std::size_t I = src.sectors().size(), F = src.factors().size();
  auto ev = src.Need(P("welfare/ev"));
  sec.items.push_back("Against " + ref + ":");
  sec.items.push_back(ByRow(id + "_macro", s.name + " vs " + ref + ": macro indicators", "region",
                            regions,
                            {{"EV (bvu)", ev},
                             {"EV (% of consumption)", src.Need(P("welfare/ev_percent"))},
                             {"real GDP (%)", src.Need(P("macro/real_gdp"))},
                             {"terms of trade (%)", src.Need(P("macro/terms_of_trade"))},
                             {"exports (%)", src.Need(P("macro/exports"))},
                             {"imports (%)", src.Need(P("macro/imports"))}}));
  auto output = src.Need(P("sector/output"));
  Chart out{ChartKind::kBars,
            id + "_output",
            "Sector output change vs " + ref,
            "%",
            src.sectors(),
            {},
            {},
            {}};
  for (int r : ShownRegions(src, o)) out.series.push_back({regions[r], Row(output, r, I)});
  sec.items.push_back(std::move(out));
  sec.items.push_back(Matrix(id + "_output", s.name + " vs " + ref + ": sector output (%)",
                             "region", regions, src.sectors(), output));
  auto ret = src.Need(P("factor/real_return"));
  Chart wages{ChartKind::kBars,
              id + "_wages",
              "Real factor returns (wages by skill, capital rental) vs " + ref,
              "%",
              regions,
              {},
              {},
              {}};
  for (std::size_t f = 0; f < F; ++f) {
    std::vector<double> col;
    for (std::size_t r = 0; r < regions.size(); ++r) col.push_back(ret[r * F + f]);
    wages.series.push_back({src.factors()[f], col});
  }
  sec.items.push_back(std::move(wages));
  sec.items.push_back(Matrix(id + "_employment", s.name + " vs " + ref + ": employment (%)",
                             "region", regions, src.factors(), src.Need(P("factor/employment"))));
  auto b0 = src.Need(P("trade/bilateral_reference")), b1 = src.Need(P("trade/bilateral"));
  std::vector<double> pct;
  for (std::size_t k = 0; k < b0.size(); ++k)
    pct.push_back(b0[k] > 0 ? 100 * (b1[k] / b0[k] - 1) : NAN);
  sec.items.push_back(Chart{ChartKind::kHeatmap,
                            id + "_trade",
                            "Trade flows vs " + ref +
                                ": change in imports (row: exporter, column: "
                                "importer)",
                            "%",
                            src.partners(),
                            {{"change", pct}},
                            regions,
                            {}});
  Decomposition(src, P("welfare/by_group"), id + "_welfare_groups",
                "Welfare decomposition by shock group vs " + ref, ev, sec);
  Sources(src, P("welfare/by_source"), id + "_welfare_sources",
          "Welfare decomposition by economic source vs " + ref, ev, sec);
  if (ref == "benchmark") {
    Decomposition(src, P("welfare/by_phase"), id + "_welfare_phases",
                  "Welfare decomposition by phase", ev, sec);
    if (src.Has(P("welfare/by_phase/sequential"))) {
      sec.items.push_back(Matrix(id + "_phases_sequential",
                                 "EV added by each phase along the solved path", "component",
                                 src.NeedStrings(P("welfare/by_phase/component")), regions,
                                 src.Need(P("welfare/by_phase/sequential"))));
    }
  }
}

void Channels(const ResultsSource& src, const ScenarioInfo& s, const ReportOptions& o,
              Section& sec) {
  const std::string g = "/scenarios/" + s.name + "/analysis";
  auto home = src.Region(o.home);
  if (!home || !src.Has(AnalysisPath(s.name, "benchmark", "competition/channels")) ||
      src.Attribute(g, "home") != o.home || src.Attribute(g, "partner") != o.partner) {
    sec.items.push_back("Complementarity channels: not available for home " + o.home +
                        " and partner " + o.partner + " in this file.");
    return;
  }
  auto P = [&](const std::string& rest) { return AnalysisPath(s.name, "benchmark", rest); };
  const std::size_t I = src.sectors().size();
  auto names = src.NeedStrings(P("competition/channel"));
  auto ch = src.Need(P("competition/channels"));
  auto output = Row(src.Need(P("sector/output")), *home, I);
  auto labour = Row(src.Need(P("sector/labour_employment")), *home, I);
  auto exports = Row(src.Need(P("sector/exports")), *home, I);
  DataTable t{Id(s.name) + "_channels",
              s.name + ": does " + o.partner + "'s opening complement or compete with " + o.home +
                  "? (sales change by channel, bvu; output, labour, exports in %)",
              {"sector", "verdict", "output (%)", "labour (%)", "exports (%)"},
              {}};
  for (const auto& n : names) t.header.push_back(n);
  for (std::size_t i = 0; i < I; ++i) {
    std::string verdict = !std::isfinite(output[i]) ? "n/a"
                          : output[i] >= 0          ? "complements"
                                                    : "competes";
    std::vector<Cell> row = {Cell::Text(src.sectors()[i]), Cell::Text(verdict),
                             Cell::Number(output[i]), Cell::Number(labour[i]),
                             Cell::Number(exports[i])};
    for (std::size_t k = 0; k < names.size(); ++k) row.push_back(Cell::Number(ch[k * I + i]));
    t.rows.push_back(std::move(row));
  }
  sec.items.push_back(std::move(t));
}

}  // namespace

Section SummarySection(const ResultsSource& src) {
  Section sec{"summary", "Executive summary", {}};
  std::vector<std::string> names;
  std::vector<std::vector<double>> ev, gdp;
  std::size_t failed = 0;
  for (const auto& s : src.scenarios()) {
    if (!s.converged) {
      ++failed;
      continue;
    }
    names.push_back(s.name);
    ev.push_back(src.Need(AnalysisPath(s.name, "benchmark", "welfare/ev_percent")));
    gdp.push_back(src.Need(AnalysisPath(s.name, "benchmark", "macro/real_gdp")));
  }
  sec.items.push_back(std::to_string(src.scenarios().size()) + " scenarios, " +
                      std::to_string(failed) +
                      " without an equilibrium. Welfare is the Hicksian equivalent variation in "
                      "benchmark (2015) prices, as % of benchmark household consumption.");
  auto flat = [](const std::vector<std::vector<double>>& m) {
    std::vector<double> v;
    for (const auto& row : m) v.insert(v.end(), row.begin(), row.end());
    return v;
  };
  const auto& regions = src.regions();
  sec.items.push_back(Matrix("summary_welfare", "Welfare vs benchmark (EV, % of consumption)",
                             "scenario", names, regions, flat(ev)));
  sec.items.push_back(
      Matrix("summary_gdp", "Real GDP vs benchmark (%)", "scenario", names, regions, flat(gdp)));
  Chart c{ChartKind::kBars,
          "summary_welfare",
          "Welfare vs benchmark",
          "EV, % of consumption",
          names,
          {},
          {},
          {}};
  for (std::size_t r = 0; r < regions.size(); ++r) {
    std::vector<double> col;
    for (const auto& row : ev) col.push_back(row[r]);
    c.series.push_back({regions[r], col});
  }
  sec.items.push_back(std::move(c));
  for (const auto& s : src.scenarios())
    for (const auto& n : s.notes) sec.items.push_back("Note (" + s.name + "): " + n);
  return sec;
}

Section ScenarioSection(const ResultsSource& src, const ScenarioInfo& s, const ReportOptions& o) {
  Section sec{"scenario-" + Id(s.name), "Scenario " + s.name, {}};
  sec.items.push_back(s.description.empty() ? "(no description)" : s.description);
  if (!s.converged) {
    sec.items.push_back("Status " + s.status +
                        ": the solve did not converge, so no equilibrium "
                        "and no analysis are reported.");
    return sec;
  }
  for (const auto& ref : s.references) Reference(src, s, ref, o, sec);
  Channels(src, s, o, sec);
  return sec;
}

}  // namespace peninsula::app::analysis
