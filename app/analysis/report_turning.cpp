// The report's section on turning points: for each policy path, the first year each home
// sector's response to the opening, against the baseline, changes sign, and the same for the
// labour-intensive industries as a group (docs/analysis.md, "Turning points").
#include "app/analysis/report_source.hpp"

namespace peninsula::app::analysis {
namespace {

std::string Sign(long long s) { return s > 0 ? "complements" : (s < 0 ? "competes" : "none"); }

std::string Year(long long y) { return y ? std::to_string(y) : "never"; }

std::string A(const PathInfo& p, const std::string& rest) {
  return "/paths/" + p.name + "/analysis/turning_point/" + rest;
}

void PathTable(const ResultsSource& src, const PathInfo& p, const ReportOptions& o, Section& sec) {
  const std::size_t I = src.sectors().size();
  auto year = src.NeedInts(A(p, "year")), sign = src.NeedInts(A(p, "initial_sign"));
  auto group_year = src.NeedInts(A(p, "group_year"));
  auto group_sign = src.NeedInts(A(p, "group_initial_sign"));
  auto intensive = src.NeedInts("/paths/" + p.name + "/analysis/sector/labour_intensive");
  DataTable t{"turning_" + p.name,
              p.name + ": turning points of " + o.home + "'s sectors against " + p.baseline,
              {"sector", "labour-intensive", "output: first response", "output: turns in",
               o.partner + " net effect: first response", "net effect: turns in"},
              {}};
  for (std::size_t i = 0; i < I; ++i) {
    t.rows.push_back({Cell::Text(src.sectors()[i]), Cell::Text(intensive[i] ? "yes" : ""),
                      Cell::Text(Sign(sign[i])), Cell::Text(Year(year[i])),
                      Cell::Text(Sign(sign[I + i])), Cell::Text(Year(year[I + i]))});
  }
  t.rows.push_back({Cell::Text("labour-intensive (group)"), Cell::Text("yes"),
                    Cell::Text(Sign(group_sign[0])), Cell::Text(Year(group_year[0])),
                    Cell::Text(Sign(group_sign[1])), Cell::Text(Year(group_year[1]))});
  sec.items.push_back(std::move(t));
}

}  // namespace

Section TurningPointSection(const ResultsSource& src, const ReportOptions& o) {
  Section sec{"turning-points", "When does complementarity turn into competition?", {}};
  sec.items.push_back(
      "A sector's response is its change against the baseline in the same year: its output, and "
      "the partner's net effect on its sales (the partner's demand for its goods less the "
      "partner's gains of market share at home and in third markets, % of the baseline's sales). "
      "The first response beyond rounding (1e-6 %) says whether the opening complements the "
      "sector or competes with it; the turning point is the first later year the response has "
      "the opposite sign. The labour-intensive industries (world labour share of value added "
      "above the world average in the baseline's opening year) are also taken as a group.");
  DataTable summary{"turning_points",
                    "Labour-intensive industries of " + o.home + " as a group",
                    {"path", "opening", "output: first response", "output: turns in",
                     "net effect: first response", "net effect: turns in"},
                    {}};
  bool any = false;
  for (const auto& p : src.paths()) {
    if (!p.analysed || !src.Has(A(p, "group_year"))) continue;
    any = true;
    auto y = src.NeedInts(A(p, "group_year")), s = src.NeedInts(A(p, "group_initial_sign"));
    summary.rows.push_back({Cell::Text(p.name),
                            Cell::Text(p.opening_year ? std::to_string(p.opening_year) : "-"),
                            Cell::Text(Sign(s[0])), Cell::Text(Year(y[0])), Cell::Text(Sign(s[1])),
                            Cell::Text(Year(y[1]))});
  }
  if (!any) {
    sec.items.push_back("No policy path with turning points for home " + o.home + " and partner " +
                        o.partner + " in this file.");
    return sec;
  }
  sec.items.push_back(std::move(summary));
  for (const auto& p : src.paths())
    if (p.analysed && src.Has(A(p, "year"))) PathTable(src, p, o, sec);
  return sec;
}

}  // namespace peninsula::app::analysis
