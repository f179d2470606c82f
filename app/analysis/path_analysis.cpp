// Paths against their baselines as time series, and their turning points.
#include "app/analysis/path_analysis.hpp"

#include <algorithm>
#include <cmath>

namespace peninsula::app::analysis {
namespace {

const io::PathYear* YearIn(const io::PathOutcome& o, int year) {
  for (const auto& y : o.years)
    if (y.year == year) return &y;
  return nullptr;
}

// partner_demand + partner_competition_home + partner_competition_third, per sector (bvu).
std::vector<double> PartnerNet(const Comparison& c, std::size_t sectors) {
  std::vector<double> net(sectors, NAN);
  if (c.channels.empty()) return net;
  const auto& names = ChannelNames();
  for (std::size_t i = 0; i < sectors; ++i) {
    net[i] = 0;
    for (std::size_t k = 0; k < names.size(); ++k) {
      if (names[k] == "partner_demand" || names[k].rfind("partner_competition", 0) == 0)
        net[i] += c.channels[k * sectors + i];
    }
  }
  return net;
}

double GroupChange(const State& ref, const State& s, int home, const std::vector<long long>& in,
                   std::size_t sectors) {
  double a = 0, b = 0;
  for (std::size_t i = 0; i < sectors; ++i) {
    if (!in[i]) continue;
    a += ref.X[home * sectors + i];
    b += s.X[home * sectors + i];
  }
  return PercentChange(a, b);
}

}  // namespace

const std::vector<std::string>& TurningMeasures() {
  static const std::vector<std::string> names = {"output", "partner_net"};
  return names;
}

PathSeries ComparePaths(const model::Model& model, const io::PathOutcome& baseline,
                        const io::PathOutcome& path, const AnalysisOptions& options) {
  PathSeries s;
  const std::size_t I = model.sets().sectors.size();
  std::vector<State> refs, states;
  for (const auto& y : path.years) {
    const io::PathYear* b = YearIn(baseline, y.year);
    if (!b) continue;
    s.years.push_back(y.year);
    refs.push_back(ReadState(model, b->x, b->parameters));
    states.push_back(ReadState(model, y.x, y.parameters));
    s.by_year.push_back(Compare(model, refs.back(), states.back(), options));
  }
  if (s.years.empty()) return s;
  auto at = std::find(s.years.begin(), s.years.end(), path.opening_year);
  s.labour_intensive = s.by_year[at == s.years.end() ? 0 : at - s.years.begin()].labour_intensive;
  s.notes = s.by_year.front().notes;
  auto found = model.sets().regions.Find(options.home);
  const int home = found && !model.data().small_open ? *found : -1;
  for (std::size_t k = 0; k < s.years.size(); ++k) {
    std::vector<double> net = PartnerNet(s.by_year[k], I);
    double group = 0, group_sales = 0;
    for (std::size_t i = 0; i < I; ++i) {
      // In % of the baseline's home sales (D + E), so rounding is judged against the size of
      // the sector, as output is.
      double sales = home >= 0 ? refs[k].D[home * I + i] + refs[k].E[home * I + i] : NAN;
      s.partner_net.push_back(sales > 0 ? 100 * net[i] / sales : NAN);
      if (s.labour_intensive[i] && sales > 0) group += net[i], group_sales += sales;
    }
    s.group_partner_net.push_back(group_sales > 0 ? 100 * group / group_sales : NAN);
    s.group_output.push_back(
        home >= 0 ? GroupChange(refs[k], states[k], home, s.labour_intensive, I) : NAN);
  }
  return s;
}

}  // namespace peninsula::app::analysis
