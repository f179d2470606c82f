// The path along which the welfare equation is integrated (docs/analysis.md, "Welfare
// decomposition by source"). The decomposition's total does not depend on the path, its parts
// do, and the quadrature error depends on how smoothly the equilibrium moves along it. A
// binding quota's rent rises steeply as the cap tightens linearly towards a ban (and the
// homotopy's path for lifting a cap, base/(1-t), moves everything in its last step), so
// positive quantities move geometrically, and a quota that is imposed or lifted moves between
// the flow it caps at the free end and its cap at the other.
#include <algorithm>
#include <cmath>

#include "app/analysis/welfare_sources.hpp"

namespace peninsula::app::analysis {
namespace {

// A cap this much above a flow leaves it free: the same equilibrium as no cap.
constexpr double kSlack = 1e-3;

bool Positive(double v) { return v > 0 && std::isfinite(v); }

// The flow of a quota's cell relative to its benchmark in state x; NaN if it has no benchmark.
double RelativeFlow(const model::Model& m, const Change& c, const std::vector<double>& x) {
  const auto& s = m.sets();
  auto i = s.sectors.Find(c.index[0]), src = s.partners.Find(c.index[1]);
  auto r = s.regions.Find(c.index[2]);
  if (!i || !src || !r || !(m.data().m0(*i, *src, *r) > 0)) return NAN;
  const auto& block = m.registry().block(m.vars().M);
  int local = block.Find(*i, *src, *r);
  if (local < 0) return NAN;
  return x[block.offset() + local] / m.data().m0(*i, *src, *r);
}

PathChange PlanQuota(const model::Model& m, const Change& c, const Point& from, const Point& to) {
  PathChange p{c, c.from, c.value, false};
  if (!std::isfinite(c.from)) p.start = RelativeFlow(m, c, *from.x) * (1 + kSlack);
  if (!std::isfinite(c.value)) {
    p.finish = RelativeFlow(m, c, *to.x) * (1 + kSlack);
    if (std::isfinite(c.from)) p.finish = std::max(p.finish, c.from);
  }
  p.geometric = Positive(p.start) && Positive(p.finish);
  if (!p.geometric) p.start = p.finish = c.value;  // no benchmark flow: set at the first step
  return p;
}

}  // namespace

std::vector<PathChange> PlanPath(const model::Model& m, const Point& from, const Point& to,
                                 const std::vector<Change>& changes) {
  std::vector<PathChange> out;
  for (const Change& c : changes) {
    if (c.target == "quota") {
      out.push_back(PlanQuota(m, c, from, to));
      continue;
    }
    // ownq moves like the endowment it is part of, so owned units never exceed it on the way.
    bool scale = c.target == "tfp" || c.target == "QF" || c.target == "QFS" || c.target == "pwe" ||
                 c.target == "pwm" || c.target == "ownq";
    out.push_back({c, c.from, c.value, scale && Positive(c.from) && Positive(c.value)});
  }
  return out;
}

std::vector<Change> ChangesAt(const std::vector<PathChange>& path, double t) {
  std::vector<Change> out;
  for (const PathChange& p : path) {
    Change c = p.end;
    if (t < 1) {
      c.value = p.geometric ? p.start * std::pow(p.finish / p.start, t)
                            : p.start + t * (p.finish - p.start);
    }
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<double> PredictState(std::vector<PathState> known, double t, std::size_t points) {
  const std::size_t count = std::min(known.size(), points);
  std::partial_sort(known.begin(), known.begin() + count, known.end(),
                    [t](const PathState& a, const PathState& b) {
                      return std::abs(a.t - t) < std::abs(b.t - t);
                    });
  std::vector<double> out(count ? known[0].x->size() : 0, 0.0);
  for (std::size_t a = 0; a < count; ++a) {
    double weight = 1.0;
    for (std::size_t b = 0; b < count; ++b)
      if (b != a) weight *= (t - known[b].t) / (known[a].t - known[b].t);
    const std::vector<double>& x = *known[a].x;
    for (std::size_t k = 0; k < out.size(); ++k) out[k] += weight * x[k];
  }
  return out;
}

}  // namespace peninsula::app::analysis
