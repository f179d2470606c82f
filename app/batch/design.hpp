// A batch design: how many draws and, for draw k, its random coordinates, the elasticity
// values they give, the dataset and the shock scale. Plan(k) depends only on the batch file,
// the database values and k, so any process can compute any draw.
#pragma once

#include <memory>
#include <vector>

#include "app/batch/batch_file.hpp"
#include "app/batch/parameters.hpp"
#include "app/batch/random.hpp"

namespace peninsula::app::batch {

struct DrawPlan {
  long long index = 0;
  int dataset = 0;                  // into the batch's datasets (0: the study's data)
  double shock_scale = 1.0;         // every scenario's shocks times this (shock_grid)
  double weight = 1.0;              // in the summary statistics (quadrature: 1 / 2n)
  std::vector<double> coordinates;  // per dimension: u in (0,1), or z for quadrature
  std::vector<double> values;       // per cell
};

class Design {
 public:
  // Throws BatchError if a quadrature point puts a cell outside its bounds.
  Design(const BatchFile& batch, const ResolvedParameters& parameters);

  long long size() const { return size_; }
  DrawPlan Plan(long long index) const;
  // The coordinate kind stored in the output: "quantile" (u) or "standardised" (z).
  const char* CoordinateKind() const;

 private:
  std::vector<double> Values(const std::vector<double>& coordinates) const;

  const BatchFile& batch_;
  const ResolvedParameters& parameters_;
  long long size_ = 0;
  std::unique_ptr<LatinHypercube> lhs_;
  std::vector<std::vector<double>> nodes_;  // quadrature
};

}  // namespace peninsula::app::batch
