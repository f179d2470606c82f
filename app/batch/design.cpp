// Monte Carlo, Latin hypercube, Stroud quadrature, shock grids and dataset lists as one
// interface: draw index -> DrawPlan.
#include "app/batch/design.hpp"

namespace peninsula::app::batch {

Design::Design(const BatchFile& batch, const ResolvedParameters& parameters)
    : batch_(batch), parameters_(parameters) {
  int dims = static_cast<int>(parameters.dimensions.size());
  switch (batch.design) {
    case DesignKind::kMonteCarlo:
      size_ = batch.draws;
      break;
    case DesignKind::kLatinHypercube:
      size_ = batch.draws;
      lhs_ = std::make_unique<LatinHypercube>(batch.seed, batch.draws, dims);
      break;
    case DesignKind::kQuadrature:
      nodes_ = StroudPoints(dims);
      size_ = static_cast<long long>(nodes_.size());
      break;
    case DesignKind::kShockGrid:
      size_ = static_cast<long long>(batch.shock_scales.size());
      break;
    case DesignKind::kDatasets:
      size_ = static_cast<long long>(batch.datasets.size() + batch.variants.size());
      break;
  }
  // A quadrature point outside a cell's support would be an impossible elasticity: refuse
  // the design before any solve rather than fail draws.
  for (std::size_t k = 0; k < nodes_.size(); ++k) {
    std::vector<double> v = Values(nodes_[k]);
    for (std::size_t c = 0; c < v.size(); ++c) {
      const Distribution& d = parameters.cells[c].distribution;
      if (v[c] < d.lower || v[c] > d.upper) {
        throw BatchError(batch.path.string() + ": quadrature point " + std::to_string(k) +
                         " puts " + parameters.cells[c].label + " at " + std::to_string(v[c]) +
                         ", outside [" + std::to_string(d.lower) + ", " + std::to_string(d.upper) +
                         "]: the distribution is too wide for a symmetric quadrature");
      }
    }
  }
}

const char* Design::CoordinateKind() const {
  return batch_.design == DesignKind::kQuadrature ? "standardised" : "quantile";
}

std::vector<double> Design::Values(const std::vector<double>& coordinates) const {
  std::vector<double> values(parameters_.cells.size());
  bool quadrature = batch_.design == DesignKind::kQuadrature;
  for (std::size_t j = 0; j < parameters_.dimensions.size(); ++j) {
    for (int c : parameters_.dimensions[j].cells) {
      const Distribution& d = parameters_.cells[c].distribution;
      values[c] = quadrature ? d.Mean() + d.StandardDeviation() * coordinates[j]
                             : d.Quantile(coordinates[j]);
    }
  }
  return values;
}

DrawPlan Design::Plan(long long index) const {
  DrawPlan plan;
  plan.index = index;
  int dims = static_cast<int>(parameters_.dimensions.size());
  switch (batch_.design) {
    case DesignKind::kMonteCarlo:
      for (int j = 0; j < dims; ++j) {
        plan.coordinates.push_back(Uniform(batch_.seed, static_cast<std::uint64_t>(index), j));
      }
      break;
    case DesignKind::kLatinHypercube:
      for (int j = 0; j < dims; ++j) plan.coordinates.push_back(lhs_->U(index, j));
      break;
    case DesignKind::kQuadrature:
      plan.coordinates = nodes_[index];
      break;
    case DesignKind::kShockGrid:
      plan.shock_scale = batch_.shock_scales[index];
      break;
    case DesignKind::kDatasets:
      plan.dataset = static_cast<int>(index);
      break;
  }
  plan.weight = 1.0 / static_cast<double>(size_);
  plan.values = Values(plan.coordinates);
  return plan;
}

}  // namespace peninsula::app::batch
