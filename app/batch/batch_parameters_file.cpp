// Reading one [[parameter]] table of a batch file: which elasticity, which cells, which
// distribution. Only the table itself is checked here; cells are resolved against the
// database in parameters.cpp.
#include <cmath>

#include "app/batch/batch_file.hpp"
#include "app/batch/toml_helpers.hpp"

namespace peninsula::app::batch {
namespace {

using detail::TomlContext;

void ReadIndex(const toml::table& t, const TomlContext& ctx, ParameterSpec& p) {
  const toml::node* node = t.get("index");
  if (!node)
    ctx.Fail(t, "parameter " + p.name + " needs 'index = [region, sector]' (\"*\" for all)");
  for (const toml::node* n : ctx.Array(t, "index")) {
    if (!n->is_string()) ctx.Fail(*n, "index holds labels or \"*\" (strings)");
    p.index.push_back(*n->value<std::string>());
  }
  if (p.index.size() != 2) {
    ctx.Fail(*node, "parameter " + p.name + " needs 2 index labels (region, sector), found " +
                        std::to_string(p.index.size()));
  }
}

void CheckNormal(const toml::table& t, const TomlContext& ctx, const ParameterSpec& p) {
  if (p.spread) ctx.Fail(*t.get("spread"), "'spread' belongs to triangular distributions");
  if (p.sd && p.cv) ctx.Fail(*t.get("cv"), "give either sd or cv, not both");
  if (p.sd && *p.sd < 0) ctx.Fail(*t.get("sd"), "sd = " + std::to_string(*p.sd) + " is negative");
  if (p.cv && *p.cv < 0) ctx.Fail(*t.get("cv"), "cv = " + std::to_string(*p.cv) + " is negative");
  if (p.lower && p.upper && !(*p.lower < *p.upper)) {
    ctx.Fail(*t.get("upper"), "upper must be above lower");
  }
}

void CheckTriangular(const toml::table& t, const TomlContext& ctx, const ParameterSpec& p) {
  for (const char* key : {"sd", "cv"}) {
    if (t.contains(key))
      ctx.Fail(*t.get(key), std::string("'") + key +
                                "' belongs to normal "
                                "distributions (triangular: lower/upper or spread)");
  }
  bool bounds = p.lower && p.upper;
  if (bounds == p.spread.has_value() || (!bounds && (p.lower || p.upper))) {
    ctx.Fail(t, "a triangular distribution needs either lower and upper or spread");
  }
  if (bounds && !(*p.lower < *p.upper)) ctx.Fail(*t.get("upper"), "upper must be above lower");
  if (p.spread && !(*p.spread > 0 && *p.spread <= 1)) {
    ctx.Fail(*t.get("spread"), "spread must be in (0, 1] (support value·(1 ± spread))");
  }
}

}  // namespace

ParameterSpec ReadParameterTable(const toml::table& t, const TomlContext& ctx) {
  ctx.CheckKeys(t,
                {"name", "index", "distribution", "sd", "cv", "lower", "upper", "spread", "draw"},
                "[[parameter]]");
  ParameterSpec p;
  p.origin = ctx.Where(t);
  auto name = ctx.String(t, "name");
  if (!name) ctx.Fail(t, "[[parameter]] lacks 'name' (sigma_va, sigma_d, sigma_m or omega)");
  if (*name != "sigma_va" && *name != "sigma_d" && *name != "sigma_m" && *name != "omega") {
    ctx.Fail(*t.get("name"),
             "unknown parameter '" + *name + "' (expected sigma_va, sigma_d, sigma_m or omega)");
  }
  p.name = *name;
  ReadIndex(t, ctx, p);
  std::string dist = ctx.String(t, "distribution").value_or("normal");
  if (dist == "triangular") {
    p.distribution = DistributionKind::kTriangular;
  } else if (dist != "normal") {
    ctx.Fail(*t.get("distribution"),
             "unknown distribution '" + dist + "' (expected normal or triangular)");
  }
  p.sd = ctx.Number(t, "sd");
  p.cv = ctx.Number(t, "cv");
  p.lower = ctx.Number(t, "lower");
  p.upper = ctx.Number(t, "upper");
  p.spread = ctx.Number(t, "spread");
  if (p.distribution == DistributionKind::kNormal) {
    CheckNormal(t, ctx, p);
  } else {
    CheckTriangular(t, ctx, p);
  }
  std::string draw = ctx.String(t, "draw").value_or("common");
  if (draw != "common" && draw != "each") {
    ctx.Fail(*t.get("draw"), "draw = '" + draw + "' (expected common or each)");
  }
  p.each = draw == "each";
  return p;
}

}  // namespace peninsula::app::batch
