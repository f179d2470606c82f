// Integration of the welfare equation along a re-solved path, and the decomposition it gives
// (docs/analysis.md, "Welfare decomposition by source").
#include "app/analysis/welfare_sources.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <optional>
#include <sstream>

#include "app/analysis/economy.hpp"

namespace peninsula::app::analysis {
namespace {

// Up to a cubic: higher orders through equally spaced nodes start to oscillate.
constexpr std::size_t kPredictionPoints = 4;

// How closely the path's last node must reproduce the scenario's EV (relative to the largest
// benchmark consumption budget), as for the Shapley decompositions.
constexpr double kReproductionTolerance = 1e-6;

double LargestBudget(const model::Model& m) {
  double scale = 1.0;
  for (double b : Budgets(m)) scale = std::max(scale, std::abs(b));
  return scale;
}

// The path's own EV at its last node must be the scenario's: otherwise the path reached
// another equilibrium (or regime) and its parts would explain something else.
std::string CheckEndpoint(const model::Model& m, const PathNode& first, const PathNode& last,
                          const std::vector<double>& ev_total) {
  auto u0 = Utilities(m, ReadState(m, first.x, first.p));
  auto ev = RegionEv(m, u0, Utilities(m, ReadState(m, last.x, last.p)));
  double error = 0.0;
  for (std::size_t r = 0; r < ev.size(); ++r)
    error = std::max(error, std::abs(ev[r] - ev_total[r]));
  if (error <= kReproductionTolerance * LargestBudget(m)) return "";
  std::ostringstream s;
  s << "the path's end does not reproduce the scenario (EV differs by " << error << ")";
  return s.str();
}

// The solved nodes of the path, their welfare terms and EVs. Nodes come in panels of two
// intervals (nodes 2p, 2p+1, 2p+2, the middle one at the centre) for Richardson steps;
// refining a panel solves the midpoints of its intervals, each from its left neighbour.
class Path {
 public:
  Path(Resolver& resolver, const Point& reference, const Point& scenario)
      : resolver_(resolver),
        plan_(PlanPath(resolver.model(), reference, scenario,
                       resolver.Differences(reference, scenario))),
        num0_((*reference.x)[resolver.numeraire()]),
        num1_(resolver.numeraire_value()),
        end_(*scenario.x) {
    nodes_.push_back({*reference.p, *reference.x});
    terms_.push_back(Terms(nodes_.back()));
    const model::Model& m = resolver_.model();
    u0_ = Utilities(m, ReadState(m, *reference.x, *reference.p));
    t_.push_back(0.0);
    ev_.push_back(Ev(nodes_.back()));
  }

  bool Solve(int steps) {
    for (int k = 1; k <= steps; ++k) {
      // The scenario's equilibrium is known, so it anchors the prediction of every node
      // before the last; the last node is predicted from the path alone, so that reaching the
      // scenario there checks that the path leads to it (CheckEndpoint).
      const double t = double(k) / steps;
      std::vector<double> guess = Predict(t, k < steps);
      auto next = At(nodes_.back(), t, &guess);
      if (!next) return false;
      nodes_.push_back(std::move(*next));
      terms_.push_back(Terms(nodes_.back()));
      t_.push_back(t);
      ev_.push_back(Ev(nodes_.back()));
    }
    return true;
  }

  // Splits panel `p` (nodes 2p, 2p+1, 2p+2, the middle one at its centre) into two panels by
  // solving the midpoints of its two intervals; a failed solve leaves the path as it was.
  bool RefinePanel(std::size_t p) {
    const std::size_t a = 2 * p;
    std::vector<PathNode> added;
    for (std::size_t k = a; k < a + 2; ++k) {
      std::vector<double> guess = Predict(0.5 * (t_[k] + t_[k + 1]), false);
      auto mid = At(nodes_[k], 0.5 * (t_[k] + t_[k + 1]), &guess);
      if (!mid) return false;
      added.push_back(std::move(*mid));
    }
    for (int k = 1; k >= 0; --k) {
      const std::size_t at = a + 1 + static_cast<std::size_t>(k);
      t_.insert(t_.begin() + at, 0.5 * (t_[at - 1] + t_[at]));
      terms_.insert(terms_.begin() + at, Terms(added[k]));
      ev_.insert(ev_.begin() + at, Ev(added[k]));
      nodes_.insert(nodes_.begin() + at, std::move(added[k]));
    }
    return true;
  }

  // Region by region: the panel's EV change less what its parts explain.
  std::vector<double> PanelResidual(std::size_t p, bool extrapolate) const {
    const std::size_t a = 2 * p;
    std::vector<std::vector<WelfareTerm>> three(terms_.begin() + a, terms_.begin() + a + 3);
    const int R = static_cast<int>(ev_[a].size());
    auto fine = IntegrateTerms(three, R);
    auto coarse = IntegrateTerms(three, R, 2);
    std::vector<double> out(R);
    for (int r = 0; r < R; ++r) {
      out[r] = ev_[a + 2][r] - ev_[a][r];
      for (std::size_t k = 0; k < fine.size(); ++k)
        out[r] -= extrapolate ? (4 * fine[k][r] - coarse[k][r]) / 3 : fine[k][r];
    }
    return out;
  }

  int steps() const { return static_cast<int>(nodes_.size()) - 1; }
  const std::vector<PathNode>& nodes() const { return nodes_; }
  const std::vector<std::vector<WelfareTerm>>& terms() const { return terms_; }

 private:
  std::optional<PathNode> At(const PathNode& from, double t, const std::vector<double>* guess) {
    return resolver_.SolveAt(from, ChangesAt(plan_, t), num0_ + t * (num1_ - num0_), guess);
  }
  // The state at `t` predicted from the solved nodes and, with `with_end`, the scenario's
  // equilibrium at t = 1 (at 40×57: 27 → 18 chord steps over a four-node path).
  std::vector<double> Predict(double t, bool with_end) const {
    std::vector<PathState> known;
    for (std::size_t k = 0; k < nodes_.size(); ++k) known.push_back({t_[k], &nodes_[k].x});
    if (with_end) known.push_back({1.0, &end_});
    return PredictState(std::move(known), t, kPredictionPoints);
  }
  std::vector<WelfareTerm> Terms(const PathNode& n) const {
    return WelfareTerms(resolver_.model(), n.p, n.x, resolver_.numeraire());
  }
  std::vector<double> Ev(const PathNode& n) const {
    const model::Model& m = resolver_.model();
    return RegionEv(m, u0_, Utilities(m, ReadState(m, n.x, n.p)));
  }

  Resolver& resolver_;
  std::vector<PathChange> plan_;
  double num0_, num1_;
  const std::vector<double>& end_;  // the scenario's equilibrium
  std::vector<PathNode> nodes_;
  std::vector<std::vector<WelfareTerm>> terms_;
  std::vector<double> t_;                // each node's place on the path, 0 to 1
  std::vector<double> u0_;               // utilities at the reference
  std::vector<std::vector<double>> ev_;  // each node's EV against the reference
};

// The panel whose parts leave the most of its EV change unexplained: where the path has a
// kink (a regime switch) or bends most.
std::size_t WorstPanel(const Path& path, bool extrapolate) {
  std::size_t worst = 0;
  double largest = -1.0;
  for (std::size_t p = 0; 2 * p + 2 < path.nodes().size(); ++p) {
    double size = 0.0;
    for (double r : path.PanelResidual(p, extrapolate)) size = std::max(size, std::abs(r));
    if (size > largest) largest = size, worst = p;
  }
  return worst;
}

// The parts from the path's nodes; with Richardson extrapolation when the step count is even
// (the trapezoid's error is O(h^2): (4 S(h) - S(2h)) / 3 cancels its leading term).
std::vector<std::vector<double>> Parts(const Path& path, int regions, bool extrapolate) {
  auto fine = IntegrateTerms(path.terms(), regions);
  if (!extrapolate) return fine;
  auto coarse = IntegrateTerms(path.terms(), regions, 2);
  for (std::size_t k = 0; k < fine.size(); ++k)
    for (int r = 0; r < regions; ++r) fine[k][r] = (4 * fine[k][r] - coarse[k][r]) / 3;
  return fine;
}

std::vector<double> Residual(const std::vector<double>& total,
                             const std::vector<std::vector<double>>& parts) {
  std::vector<double> residual = total;
  for (const auto& part : parts)
    for (std::size_t r = 0; r < residual.size(); ++r) residual[r] -= part[r];
  return residual;
}

bool Accurate(const std::vector<double>& residual, const std::vector<double>& total,
              double tolerance) {
  double scale = 0.0, worst = 0.0;
  for (double ev : total) scale = std::max(scale, std::abs(ev));
  for (double r : residual) worst = std::max(worst, std::abs(r));
  return worst <= tolerance * std::max(scale, 1e-12);  // no welfare effect: rounding only
}

}  // namespace

const std::vector<std::string>& SourceNames() {
  static const std::vector<std::string> names = {"allocative_production_tax",
                                                 "allocative_sales_tax",
                                                 "allocative_tariffs",
                                                 "allocative_export_taxes",
                                                 "allocative_quota_rents",
                                                 "terms_of_trade",
                                                 "endowments",
                                                 "unemployment",
                                                 "technology",
                                                 "foreign_savings",
                                                 "foreign_ownership",
                                                 "foreign_factor_prices",
                                                 "import_variety",
                                                 "government_consumption",
                                                 "investment",
                                                 "household_distribution"};
  return names;
}

const std::string& SourceGroup(int part) {
  static const std::vector<std::string> groups = {
      "allocative_efficiency", "terms_of_trade", "endowments_capital",    "technology",
      "import_variety",        "absorption",     "household_distribution"};
  static constexpr int group_of[] = {0, 0, 0, 0, 0, 1, 2, 2, 3, 2, 2, 2, 4, 5, 5, 6};
  static_assert(std::size(group_of) == static_cast<std::size_t>(Source::kCount));
  return groups[group_of[part]];
}

std::vector<std::vector<double>> IntegrateTerms(const std::vector<std::vector<WelfareTerm>>& nodes,
                                                int regions, int stride) {
  const int parts = static_cast<int>(Source::kCount);
  std::vector<std::vector<double>> sum(parts, std::vector<double>(regions, 0.0));
  for (std::size_t n = 0; n + stride < nodes.size(); n += stride) {
    const auto &a = nodes[n], &b = nodes[n + stride];
    for (std::size_t k = 0; k < a.size(); ++k) {
      double dq = b[k].quantity - a[k].quantity;
      if (dq != 0.0) sum[a[k].part][a[k].region] += 0.5 * (a[k].weight + b[k].weight) * dq;
    }
  }
  return sum;
}

SourceDecomposition DecomposeBySource(Resolver& resolver, const Point& reference,
                                      const Point& scenario, const std::vector<double>& ev_total,
                                      const SourceOptions& options) {
  SourceDecomposition out;
  Path path(resolver, reference, scenario);
  const model::Model& m = resolver.model();
  if (!path.Solve(options.steps)) {
    out.note = "a step of the path from the reference to the scenario did not solve";
    return out;
  }
  out.note = CheckEndpoint(m, path.nodes().front(), path.nodes().back(), ev_total);
  if (!out.note.empty()) return out;
  const int R = m.sets().regions.size();
  while (true) {
    out.steps = path.steps();
    out.extrapolated = options.extrapolate && out.steps % 2 == 0;
    out.ev = Parts(path, R, out.extrapolated);
    out.residual = Residual(ev_total, out.ev);
    if (Accurate(out.residual, ev_total, options.tolerance)) break;
    if (out.steps % 2 != 0 || out.steps + 2 > options.max_steps) break;
    if (!path.RefinePanel(WorstPanel(path, out.extrapolated))) break;
  }
  out.parts = SourceNames();
  return out;
}

}  // namespace peninsula::app::analysis
