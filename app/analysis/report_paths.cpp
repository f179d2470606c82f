// The report's sections on recursive-dynamic paths: the paths and their time charts against
// the baseline, and the turning points of the home region's sectors (docs/analysis.md,
// "Paths"). Every number is read from /paths in the results file.
#include <cmath>

#include "app/analysis/report_source.hpp"

namespace peninsula::app::analysis {
namespace {

std::string PathGroup(const std::string& path, const std::string& rest) {
  return "/paths/" + path + "/" + rest;
}

std::vector<std::string> YearLabels(const std::vector<long long>& years) {
  std::vector<std::string> out;
  for (long long y : years) out.push_back(std::to_string(y));
  return out;
}

// Regions that are no zone (a zone's GDP falls to nothing when it closes, which would swamp
// the scale of a chart of countries).
std::vector<int> Countries(const ResultsSource& src) {
  std::vector<std::string> parent(src.regions().size());
  if (src.Has("/sets/region_parent")) parent = src.NeedStrings("/sets/region_parent");
  std::vector<int> out;
  for (std::size_t r = 0; r < parent.size(); ++r)
    if (parent[r].empty()) out.push_back(static_cast<int>(r));
  return out;
}

// A region's GDP with its zones, year by year.
std::vector<double> CountryGdp(const ResultsSource& src, const PathInfo& p, int region) {
  const std::size_t R = src.regions().size();
  std::vector<std::string> parent(R);
  if (src.Has("/sets/region_parent")) parent = src.NeedStrings("/sets/region_parent");
  auto gdp = src.Need(PathGroup(p.name, "dynamics/gdp"));
  std::vector<double> out(p.years.size(), 0.0);
  for (std::size_t k = 0; k < p.years.size(); ++k)
    for (std::size_t r = 0; r < R; ++r)
      if (static_cast<int>(r) == region || parent[r] == src.regions()[region])
        out[k] += gdp[k * R + r];
  return out;
}

std::vector<double> Index(std::vector<double> v) {
  const double base = v.empty() ? NAN : v.front();
  for (double& x : v) x = 100.0 * x / base;
  return v;
}

void PathTable(const ResultsSource& src, Section& sec) {
  DataTable t{"paths",
              "Paths: status, years solved, phases",
              {"path", "baseline", "status", "years", "opening", "phases", "notes"},
              {}};
  for (const auto& p : src.paths()) {
    std::string events, notes;
    for (const auto& e : p.events) events += (events.empty() ? "" : "; ") + e;
    for (const auto& n : p.notes) notes += (notes.empty() ? "" : "; ") + n;
    std::string years =
        p.years.empty() ? "none"
                        : std::to_string(p.years.front()) + "-" + std::to_string(p.years.back());
    t.rows.push_back({Cell::Text(p.name), Cell::Text(p.baseline.empty() ? "-" : p.baseline),
                      Cell::Text(p.status), Cell::Text(years),
                      Cell::Text(p.opening_year ? std::to_string(p.opening_year) : "-"),
                      Cell::Text(events), Cell::Text(notes)});
  }
  sec.items.push_back(std::move(t));
  for (const auto& p : src.paths())
    if (!p.converged) sec.items.push_back("Path " + p.name + " stopped: " + p.message);
}

void Overview(const ResultsSource& src, const ReportOptions& o, Section& sec) {
  for (const auto& p : src.paths()) {
    if (!p.baseline.empty() || p.years.empty()) continue;
    Chart c{ChartKind::kLines,
            "path_" + p.name + "_gdp",
            p.name + ": real GDP (2015 = 100)",
            "index",
            YearLabels(p.years),
            {},
            {},
            {}};
    for (int r : Countries(src))
      c.series.push_back({src.regions()[r], Index(CountryGdp(src, p, r))});
    sec.items.push_back(std::move(c));
  }
  auto partner = src.Region(o.partner);
  if (!partner) return;
  Chart c{ChartKind::kLines,
          "paths_partner_gdp",
          o.partner + " real GDP with its zones, every path (first year = 100)",
          "index",
          {},
          {},
          {},
          {}};
  for (const auto& p : src.paths()) {
    if (p.years.size() > c.categories.size()) c.categories = YearLabels(p.years);
    c.series.push_back({p.name, Index(CountryGdp(src, p, *partner))});
  }
  sec.items.push_back(std::move(c));
}

void PathCharts(const ResultsSource& src, const PathInfo& p, const ReportOptions& o, Section& sec) {
  auto A = [&](const std::string& rest) { return PathGroup(p.name, "analysis/" + rest); };
  const auto years = src.NeedInts(A("years"));
  const std::size_t Y = years.size(), R = src.regions().size(), I = src.sectors().size();
  const auto labels = YearLabels(years);
  sec.items.push_back("Path " + p.name + " against " + p.baseline + ": " + p.description);
  auto gdp = src.Need(A("macro/real_gdp"));
  Chart g{ChartKind::kLines,
          "path_" + p.name + "_real_gdp",
          p.name + ": real GDP against " + p.baseline,
          "%",
          labels,
          {},
          {},
          {}};
  for (const auto& label : {o.home, o.partner}) {
    auto r = src.Region(label);
    if (!r) continue;
    std::vector<double> v(Y);
    for (std::size_t k = 0; k < Y; ++k) v[k] = gdp[k * R + *r];
    g.series.push_back({label, v});
  }
  sec.items.push_back(std::move(g));
  auto home = src.Region(o.home);
  if (!home || !src.Has(A("labour_intensive/output"))) return;
  auto intensive = src.NeedInts(A("sector/labour_intensive"));
  auto output = src.Need(A("sector/output")), net = src.Need(A("competition/partner_net"));
  Chart out{ChartKind::kLines,
            "path_" + p.name + "_labour_intensive",
            p.name + ": " + o.home + " output of labour-intensive industries against " + p.baseline,
            "%",
            labels,
            {{"all labour-intensive", src.Need(A("labour_intensive/output"))}},
            {},
            {}};
  Chart partner{ChartKind::kLines,
                "path_" + p.name + "_partner_net",
                p.name + ": " + o.partner + "'s net effect on " + o.home +
                    "'s labour-intensive sales (demand less competition, % of baseline sales)",
                "%",
                labels,
                {{"all labour-intensive", src.Need(A("labour_intensive/partner_net"))}},
                {},
                {}};
  for (std::size_t i = 0; i < I; ++i) {
    if (!intensive[i]) continue;
    std::vector<double> a(Y), b(Y);
    for (std::size_t k = 0; k < Y; ++k) {
      a[k] = output[(k * R + *home) * I + i];
      b[k] = net[k * I + i];
    }
    out.series.push_back({src.sectors()[i], a});
    partner.series.push_back({src.sectors()[i], b});
  }
  sec.items.push_back(std::move(out));
  sec.items.push_back(std::move(partner));
}

}  // namespace

Section PathsSection(const ResultsSource& src, const ReportOptions& o) {
  Section sec{"paths", "Paths to 2045", {}};
  sec.items.push_back(
      "Recursive-dynamic paths (docs/dynamics.md): one equilibrium per year, capital accumulated "
      "from each year's investment, labour and productivity grown, scenario phases applied in "
      "their years. A baseline meets the growth data; a policy path is compared with its "
      "baseline in every year, so its changes are what the policy adds.");
  PathTable(src, sec);
  Overview(src, o, sec);
  for (const auto& p : src.paths())
    if (p.analysed) PathCharts(src, p, o, sec);
  return sec;
}

}  // namespace peninsula::app::analysis
