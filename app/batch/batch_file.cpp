// Reading batch files: top-level keys, the design and the outcomes. [[parameter]] tables are
// read in batch_parameters_file.cpp.
#include "app/batch/batch_file.hpp"

#include "app/batch/toml_helpers.hpp"
#include "io/input_file.hpp"
#include "model/variables.hpp"

namespace peninsula::app::batch {

namespace {

using detail::TomlContext;

constexpr long long kMaxDraws = 10'000'000;

struct DesignEntry {
  const char* name;
  DesignKind kind;
};
constexpr DesignEntry kDesigns[] = {{"monte_carlo", DesignKind::kMonteCarlo},
                                    {"latin_hypercube", DesignKind::kLatinHypercube},
                                    {"quadrature", DesignKind::kQuadrature},
                                    {"shock_grid", DesignKind::kShockGrid},
                                    {"datasets", DesignKind::kDatasets}};

bool Sampled(DesignKind d) {
  return d == DesignKind::kMonteCarlo || d == DesignKind::kLatinHypercube;
}
bool Drawn(DesignKind d) { return Sampled(d) || d == DesignKind::kQuadrature; }

void ReadDesign(const toml::table& t, const TomlContext& ctx, BatchFile& b) {
  auto design = ctx.String(t, "design");
  if (!design)
    ctx.Fail(
        "missing 'design' (monte_carlo, latin_hypercube, quadrature, "
        "shock_grid or datasets)");
  const toml::node& node = *t.get("design");
  bool found = false;
  for (const auto& d : kDesigns) {
    if (*design == d.name) b.design = d.kind, found = true;
  }
  if (!found) {
    ctx.Fail(node, "unknown design '" + *design +
                       "' (expected monte_carlo, latin_hypercube, quadrature, shock_grid or "
                       "datasets)");
  }
  auto draws = ctx.Integer(t, "draws");
  if (Sampled(b.design)) {
    if (!draws) ctx.Fail(node, "design " + *design + " needs 'draws' (the number of draws)");
    if (*draws < 1 || *draws > kMaxDraws) {
      ctx.Fail(*t.get("draws"), "draws = " + std::to_string(*draws) + " (expected 1 to " +
                                    std::to_string(kMaxDraws) + ")");
    }
    b.draws = *draws;
  } else if (draws) {
    ctx.Fail(*t.get("draws"), "'draws' is fixed by design " + *design + "; remove it");
  }
  if (auto seed = ctx.Integer(t, "seed")) {
    if (*seed < 0) ctx.Fail(*t.get("seed"), "seed must be >= 0");
    b.seed = static_cast<std::uint64_t>(*seed);
  }
}

void ReadGridAndDatasets(const toml::table& t, const TomlContext& ctx, BatchFile& b) {
  auto scales = ctx.Array(t, "shock_scale");
  if ((b.design == DesignKind::kShockGrid) != !scales.empty()) {
    const toml::node& at = scales.empty() ? *t.get("design") : *t.get("shock_scale");
    ctx.Fail(at, b.design == DesignKind::kShockGrid
                     ? "design shock_grid needs a non-empty 'shock_scale' list"
                     : "'shock_scale' belongs to design shock_grid only");
  }
  for (const toml::node* n : scales) {
    double v = n->is_number() ? TomlContext::ToDouble(*n) : NAN;
    if (!std::isfinite(v)) ctx.Fail(*n, "shock_scale holds finite numbers");
    b.shock_scales.push_back(v);
  }
  auto dirs = ctx.Array(t, "datasets");
  auto names = ctx.Array(t, "variants");
  bool listed = !dirs.empty() || !names.empty();
  if ((b.design == DesignKind::kDatasets) != listed) {
    const char* key = !dirs.empty() ? "datasets" : !names.empty() ? "variants" : "design";
    ctx.Fail(*t.get(key), b.design == DesignKind::kDatasets
                              ? "design datasets needs a non-empty 'datasets' list of data "
                                "directories or 'variants' list of the study's data variants"
                              : "'datasets' and 'variants' belong to design datasets only");
  }
  for (const toml::node* n : dirs) {
    if (!n->is_string()) ctx.Fail(*n, "datasets holds directory names (strings)");
    b.datasets.push_back(ctx.path().parent_path() / *n->value<std::string>());
  }
  for (const toml::node* n : names) {
    if (!n->is_string() || n->value<std::string>()->empty()) {
      ctx.Fail(*n, "variants holds variant names (non-empty strings, e.g. \"un\")");
    }
    b.variants.push_back(*n->value<std::string>());
  }
}

void ReadParameters(const toml::table& t, const TomlContext& ctx, BatchFile& b) {
  const toml::node* node = t.get("parameter");
  if (node && !node->is_array_of_tables()) ctx.Fail(*node, "write parameters as [[parameter]]");
  if (node) {
    for (const auto& item : *node->as_array()) {
      b.parameters.push_back(ReadParameterTable(*item.as_table(), ctx));
    }
  }
  const toml::node& at = *t.get("design");
  if (Drawn(b.design) && b.parameters.empty()) {
    ctx.Fail(at, "design " + DesignName(b.design) + " needs at least one [[parameter]]");
  }
  if (!Drawn(b.design) && !b.parameters.empty()) {
    ctx.Fail(*node,
             "design " + DesignName(b.design) + " draws no parameters; remove [[parameter]]");
  }
}

void ReadOutcomes(const toml::table& t, const TomlContext& ctx, BatchFile& b) {
  const toml::node* node = t.get("outcomes");
  if (!node) return;
  const toml::table* o = node->as_table();
  if (!o) ctx.Fail(*node, "'outcomes' must be a table ([outcomes])");
  ctx.CheckKeys(*o, {"welfare", "gdp", "variables"}, "[outcomes]");
  b.outcomes.welfare = ctx.Boolean(*o, "welfare").value_or(true);
  b.outcomes.gdp = ctx.Boolean(*o, "gdp").value_or(true);
  for (const toml::node* n : ctx.Array(*o, "variables")) {
    if (!n->is_string()) ctx.Fail(*n, "outcome variables are patterns like \"X(R1,*)\"");
    std::string pattern = *n->value<std::string>();
    try {
      model::ParseLabelPattern(pattern);
    } catch (const std::invalid_argument& e) {
      ctx.Fail(*n, "outcome variable '" + pattern + "': " + e.what());
    }
    b.outcomes.variables.push_back(pattern);
    b.outcomes.origins.push_back(ctx.Where(*n));
  }
  if (!b.outcomes.welfare && !b.outcomes.gdp && b.outcomes.variables.empty()) {
    ctx.Fail(*node, "[outcomes] records nothing (welfare, gdp and variables are all off)");
  }
}

}  // namespace

std::string DesignName(DesignKind kind) {
  for (const auto& d : kDesigns) {
    if (d.kind == kind) return d.name;
  }
  return "unknown";
}

BatchFile ParseBatchText(const std::string& text, const std::filesystem::path& path) {
  TomlContext ctx(path);
  toml::table t = ctx.Parse(text);
  ctx.CheckKeys(t,
                {"name", "description", "study", "output", "design", "draws", "seed", "shock_scale",
                 "datasets", "variants", "parameter", "outcomes"},
                "a batch file");
  BatchFile b;
  b.path = path;
  b.source_text = text;
  auto name = ctx.String(t, "name");
  if (!name) ctx.Fail("missing string 'name'");
  if (name->empty() || name->find_first_of("/ \t\n") != std::string::npos) {
    ctx.Fail(*t.get("name"), "batch name '" + *name + "' must be non-empty without '/' or spaces");
  }
  b.name = *name;
  b.description = ctx.String(t, "description").value_or("");
  auto study = ctx.String(t, "study");
  if (!study) ctx.Fail("missing string 'study' (the study file whose scenarios every draw solves)");
  b.study = path.parent_path() / *study;
  b.study_origin = ctx.Where(*t.get("study"));
  b.output = ctx.String(t, "output").value_or("results/batch/" + b.name + ".h5");
  ReadDesign(t, ctx, b);
  ReadGridAndDatasets(t, ctx, b);
  ReadParameters(t, ctx, b);
  ReadOutcomes(t, ctx, b);
  return b;
}

BatchFile ReadBatchFile(const std::filesystem::path& path) {
  return ParseBatchText(io::ReadInputText<BatchError>(path, "batch file"), path);
}

}  // namespace peninsula::app::batch
