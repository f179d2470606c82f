// The key outcomes a batch records per draw and scenario, all as % changes from the draw's
// own benchmark: an equivalent-variation proxy per region (real household income,
// ΣₕYH / CPI), a real GDP proxy per region (Σⱼ VA at benchmark prices) and every variable
// matching the user's patterns (e.g. "X(R1,*)").
#pragma once

#include <string>
#include <vector>

#include "app/batch/batch_file.hpp"
#include "model/model.hpp"

namespace peninsula::app::batch {

// Column labels: "welfare(R1)", "gdp(R1)", then each variable match, e.g. "X(R1,S2)".
// Throws BatchError if a variable pattern matches nothing in `model`.
std::vector<std::string> OutcomeLabels(const OutcomeSpec& spec, const model::Model& model);

// Where each outcome's numerator and divisor live in one model's variable vector; outcome =
// 100·(f(x)/f(x₀) − 1) with f(x) = Σ x[numerator] / x[divisor].
class OutcomeEvaluator {
 public:
  // Labels not present in `model` (another dataset's domain) evaluate to NaN.
  OutcomeEvaluator(const std::vector<std::string>& labels, const model::Model& model);
  std::vector<double> Evaluate(const std::vector<double>& x,
                               const std::vector<double>& benchmark) const;
  int variables() const { return variables_; }

 private:
  struct Term {
    std::vector<int> numerator;
    std::vector<double> weight;  // per numerator position
    int divisor = -1;
  };
  double Level(const Term& term, const std::vector<double>& x) const;

  std::vector<Term> terms_;
  int variables_ = 0;
};

}  // namespace peninsula::app::batch
