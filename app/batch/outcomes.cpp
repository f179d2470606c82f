// Outcome columns and their evaluation from a solution vector.
#include "app/batch/outcomes.hpp"

#include <cmath>
#include <limits>

namespace peninsula::app::batch {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Global positions of `id`'s tuples whose first index is region r.
std::vector<int> InRegion(const model::Model& m, model::VarId id, int r) {
  std::vector<int> out;
  const auto& block = m.registry().block(id);
  for (int k = 0; k < block.size(); ++k) {
    if (block.tuple(k)[0] == r) out.push_back(block.offset() + k);
  }
  return out;
}

// Value added of region r's entering technologies (ava per bundle times the level YN).
std::vector<std::pair<int, double>> EntrantValueAdded(const model::Model& model, int r) {
  std::vector<std::pair<int, double>> out;
  const auto& block = model.registry().block(model.vars().YN);
  for (int k = 0; k < block.size(); ++k) {
    const auto& t = block.tuple(k);
    if (t[0] == r) out.emplace_back(block.offset() + k, model.data().entry_ava(t[0], t[1]));
  }
  return out;
}

// "welfare(R1)" -> {"welfare", "R1"}; anything else -> {"", ""}.
std::pair<std::string, std::string> Derived(const std::string& label) {
  for (const char* kind : {"welfare", "gdp"}) {
    std::string prefix = std::string(kind) + "(";
    if (label.rfind(prefix, 0) == 0 && label.back() == ')') {
      return {kind, label.substr(prefix.size(), label.size() - prefix.size() - 1)};
    }
  }
  return {"", ""};
}

}  // namespace

std::vector<std::string> OutcomeLabels(const OutcomeSpec& spec, const model::Model& model) {
  std::vector<std::string> labels;
  for (const char* kind : {"welfare", "gdp"}) {
    if (std::string(kind) == "welfare" ? !spec.welfare : !spec.gdp) continue;
    for (const auto& r : model.sets().regions.labels())
      labels.push_back(std::string(kind) + "(" + r + ")");
  }
  for (std::size_t k = 0; k < spec.variables.size(); ++k) {
    std::vector<int> matches = model.registry().Match(spec.variables[k]);
    if (matches.empty()) {
      throw BatchError(spec.origins[k] + ": outcome variable '" + spec.variables[k] +
                       "' matches no variable of this model");
    }
    for (int g : matches) labels.push_back(model.registry().Label(g));
  }
  return labels;
}

OutcomeEvaluator::OutcomeEvaluator(const std::vector<std::string>& labels,
                                   const model::Model& model)
    : variables_(model.registry().size()) {
  const auto& v = model.vars();
  for (const auto& label : labels) {
    Term term;
    auto [kind, region] = Derived(label);
    auto r = model.sets().regions.Find(region);
    if (!kind.empty() && r) {
      term.numerator = InRegion(model, kind == "welfare" ? v.YH : v.VA, *r);
      term.weight.assign(term.numerator.size(), 1.0);
      for (auto [g, w] :
           kind == "gdp" ? EntrantValueAdded(model, *r) : std::vector<std::pair<int, double>>{}) {
        term.numerator.push_back(g);
        term.weight.push_back(w);
      }
      const auto& cpi = model.registry().block(v.CPI);
      if (kind == "welfare" && cpi.Has(*r)) term.divisor = cpi.Global(*r);
      if (kind == "welfare" && term.divisor < 0) term.numerator.clear();
    } else if (kind.empty()) {
      term.numerator = model.registry().Match(label);
      if (term.numerator.size() != 1) term.numerator.clear();
      term.weight.assign(term.numerator.size(), 1.0);
    }
    terms_.push_back(std::move(term));
  }
}

double OutcomeEvaluator::Level(const Term& term, const std::vector<double>& x) const {
  double sum = 0;
  for (std::size_t k = 0; k < term.numerator.size(); ++k) {
    sum += term.weight[k] * x[term.numerator[k]];
  }
  return term.divisor >= 0 ? sum / x[term.divisor] : sum;
}

std::vector<double> OutcomeEvaluator::Evaluate(const std::vector<double>& x,
                                               const std::vector<double>& benchmark) const {
  std::vector<double> out;
  out.reserve(terms_.size());
  for (const Term& term : terms_) {
    if (term.numerator.empty()) {
      out.push_back(kNaN);
      continue;
    }
    out.push_back(100.0 * (Level(term, x) / Level(term, benchmark) - 1.0));
  }
  return out;
}

}  // namespace peninsula::app::batch
