// The report's section on labour-intensive competition: labour intensity, export similarity
// of the partner with home and the comparators, and world market shares and RCA in the
// labour-intensive sectors, before (benchmark) and after each scenario.
#include "app/analysis/report_source.hpp"

namespace peninsula::app::analysis {
namespace {

const ScenarioInfo* FirstConverged(const ResultsSource& src) {
  for (const auto& s : src.scenarios())
    if (s.converged) return &s;
  return nullptr;
}

void Similarity(const ResultsSource& src, const ScenarioInfo& s, int partner,
                const std::vector<int>& others, Section& sec) {
  const std::size_t R = src.regions().size();
  auto before = src.Need(AnalysisPath(s.name, "benchmark", "trade/similarity_reference"));
  auto after = src.Need(AnalysisPath(s.name, "benchmark", "trade/similarity"));
  Chart c{ChartKind::kBars,
          s.name + "_similarity",
          s.name + ": export similarity (Finger-Kreinin) of " + src.regions()[partner],
          "0-1",
          {},
          {{"benchmark", {}}, {s.name, {}}},
          {},
          {}};
  for (int o : others) {
    c.categories.push_back(src.regions()[o]);
    c.series[0].values.push_back(before[partner * R + o]);
    c.series[1].values.push_back(after[partner * R + o]);
  }
  DataTable t{s.name + "_similarity", c.title, {"with", "benchmark", s.name}, {}};
  for (std::size_t k = 0; k < others.size(); ++k) {
    t.rows.push_back({Cell::Text(c.categories[k]), Cell::Number(c.series[0].values[k]),
                      Cell::Number(c.series[1].values[k])});
  }
  sec.items.push_back(std::move(c));
  sec.items.push_back(std::move(t));
}

void Shares(const ResultsSource& src, const ScenarioInfo& s, const std::vector<int>& regions,
            const std::vector<long long>& intensive, Section& sec) {
  const std::size_t I = src.sectors().size();
  auto P = [&](const std::string& rest) { return AnalysisPath(s.name, "benchmark", rest); };
  auto w0 = src.Need(P("trade/world_share_reference")), w1 = src.Need(P("trade/world_share"));
  auto r0 = src.Need(P("trade/rca_reference")), r1 = src.Need(P("trade/rca"));
  DataTable t{s.name + "_labour_intensive",
              s.name + ": world export shares (%) and RCA in labour-intensive sectors",
              {"sector"},
              {}};
  for (int r : regions) {
    const std::string& l = src.regions()[r];
    for (const char* what : {"share before", "share after", "RCA before", "RCA after"}) {
      t.header.push_back(l + " " + what);
    }
  }
  for (std::size_t i = 0; i < I; ++i) {
    if (!intensive[i]) continue;
    std::vector<Cell> row = {Cell::Text(src.sectors()[i])};
    for (int r : regions) {
      row.push_back(Cell::Number(100 * w0[r * I + i]));
      row.push_back(Cell::Number(100 * w1[r * I + i]));
      row.push_back(Cell::Number(r0[r * I + i]));
      row.push_back(Cell::Number(r1[r * I + i]));
    }
    t.rows.push_back(std::move(row));
  }
  sec.items.push_back(std::move(t));
}

}  // namespace

Section CompetitionSection(const ResultsSource& src, const ReportOptions& o) {
  Section sec{"competition", "Labour-intensive competition", {}};
  const ScenarioInfo* first = FirstConverged(src);
  if (!first) {
    sec.items.push_back("No scenario converged: nothing to compare.");
    return sec;
  }
  auto P = [&](const std::string& rest) { return AnalysisPath(first->name, "benchmark", rest); };
  auto intensive = src.NeedInts(P("sector/labour_intensive"));
  std::string list;
  for (std::size_t i = 0; i < intensive.size(); ++i)
    if (intensive[i]) list += (list.empty() ? "" : ", ") + src.sectors()[i];
  sec.items.push_back(
      "Labour-intensive sectors (world labour share of value added above the world average, "
      "benchmark): " +
      (list.empty() ? std::string("none (no labour factors identified)") : list) + ".");
  DataTable li{"labour_share", "Labour share of value added, benchmark", {"region"}, {}};
  auto share = src.Need(P("sector/labour_share_reference"));
  for (const auto& s : src.sectors()) li.header.push_back(s);
  for (std::size_t r = 0; r < src.regions().size(); ++r) {
    std::vector<Cell> row = {Cell::Text(src.regions()[r])};
    for (std::size_t i = 0; i < src.sectors().size(); ++i)
      row.push_back(Cell::Number(share[r * src.sectors().size() + i]));
    li.rows.push_back(std::move(row));
  }
  sec.items.push_back(std::move(li));
  auto partner = src.Region(o.partner);
  if (!partner) {
    sec.items.push_back("Export similarity and market shares skipped: partner region '" +
                        o.partner + "' is not a region of this file.");
    return sec;
  }
  std::vector<int> others, shown = {*partner};
  std::string missing;
  std::vector<std::string> wanted = {o.home};
  wanted.insert(wanted.end(), o.comparators.begin(), o.comparators.end());
  for (const auto& label : wanted) {
    auto r = src.Region(label);
    if (r && *r != *partner) {
      others.push_back(*r);
      shown.push_back(*r);
    } else if (!r) {
      missing += (missing.empty() ? "" : ", ") + label;
    }
  }
  if (!missing.empty()) sec.items.push_back("Regions not in this file, skipped: " + missing + ".");
  for (const auto& s : src.scenarios()) {
    if (!s.converged) continue;
    if (!others.empty()) Similarity(src, s, *partner, others, sec);
    Shares(src, s, shown, intensive, sec);
  }
  return sec;
}

}  // namespace peninsula::app::analysis
