// DecomposeWelfare: the Shapley value of each shock component in every region's equivalent
// variation, from re-solved coalitions (docs/analysis.md, "Welfare decomposition").
#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

#include "app/analysis/decomposition.hpp"
#include "app/analysis/economy.hpp"
#include "app/analysis/indicators.hpp"

namespace peninsula::app::analysis {
namespace {

// The largest number of components decomposed: 2^n - 1 solves.
constexpr int kMaxComponents = 8;
// How closely the full coalition must reproduce the scenario's EV (relative to the largest
// benchmark consumption budget of a region).
constexpr double kReproductionTolerance = 1e-6;

}  // namespace

Decomposition DecomposeWelfare(Resolver& resolver, const Point& reference,
                               const std::vector<Component>& components,
                               const std::vector<double>& ev_total) {
  Decomposition out;
  const int n = static_cast<int>(components.size());
  if (n == 0) {
    out.note = "no shock changes the reference state";
    return out;
  }
  if (n > kMaxComponents) {
    out.note = std::to_string(n) + " components: more than " + std::to_string(kMaxComponents);
    return out;
  }
  if (n == 1) {  // one player takes the whole value: the scenario's own EV, no re-solve
    out.components.push_back(components[0].name);
    out.ev = {ev_total};
    return out;
  }
  const model::Model& m = resolver.model();
  const std::vector<double> u_ref = Utilities(m, ReadState(m, *reference.x, *reference.p));
  std::map<unsigned, std::vector<double>> values;
  bool failed = false;
  auto value = [&](unsigned mask) -> std::vector<double> {
    const int regions = m.sets().regions.size();
    if (mask == 0) return std::vector<double>(regions, 0.0);
    if (auto it = values.find(mask); it != values.end()) return it->second;
    std::vector<Change> changes;
    for (int c = 0; c < n; ++c) {
      if (mask & (1u << c)) {
        changes.insert(changes.end(), components[c].changes.begin(), components[c].changes.end());
      }
    }
    std::optional<std::vector<double>> x = resolver.Solve(reference, changes);
    if (!x) {
      failed = true;
      return std::vector<double>(regions, NAN);
    }
    // Utilities read consumption only, so the reference parameters serve for any coalition.
    return values[mask] = RegionEv(m, u_ref, Utilities(m, ReadState(m, *x, *reference.p)));
  };
  std::vector<std::vector<double>> phi = ShapleyValues(n, value);
  if (failed) {
    out.note = "a coalition of components did not solve";
    return out;
  }
  std::vector<double> full = value((1u << n) - 1);
  double scale = 1.0, error = 0.0;
  for (double b : Budgets(m)) scale = std::max(scale, std::abs(b));
  for (std::size_t r = 0; r < full.size(); ++r) {
    error = std::max(error, std::abs(full[r] - ev_total[r]));
  }
  if (!(error <= kReproductionTolerance * scale)) {
    std::ostringstream s;
    s << "re-solving every component together does not reproduce the scenario (EV differs by "
      << error << "): its closure or a shock could not be recovered";
    out.note = s.str();
    return out;
  }
  for (const auto& c : components) out.components.push_back(c.name);
  out.ev = std::move(phi);
  return out;
}

}  // namespace peninsula::app::analysis
