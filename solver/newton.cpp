// Newton's method with a sparse LU.
#include "solver/newton.hpp"

#include <Eigen/SparseLU>
#include <chrono>
#include <cmath>
#include <stdexcept>

#include "solver/diagnostics.hpp"

namespace peninsula::solver {
namespace {

using SparseMatrix = Eigen::SparseMatrix<double>;
using Clock = std::chrono::steady_clock;

double HalfSquaredNorm(const std::vector<double>& f) {
  double s = 0;
  for (double v : f) s += v * v;
  return 0.5 * s;
}

bool AllFinite(const std::vector<double>& v) {
  for (double x : v) {
    if (!std::isfinite(x)) return false;
  }
  return true;
}

// The Jacobian as a column-major Eigen matrix whose values are refilled from the system's
// CSR order at each iteration, without rebuilding the structure.
class JacobianMatrix {
 public:
  explicit JacobianMatrix(const model::EquationSystem& system) : values_(system.nonzeros()) {
    std::vector<Eigen::Triplet<double>> triplets;
    for (int r = 0; r < system.rows(); ++r) {
      for (int k = system.row_start()[r]; k < system.row_start()[r + 1]; ++k) {
        triplets.emplace_back(r, system.col_index()[k], 1.0);
      }
    }
    matrix_.resize(system.rows(), system.cols());
    matrix_.setFromTriplets(triplets.begin(), triplets.end());
    matrix_.makeCompressed();
    position_.resize(system.nonzeros());
    for (int r = 0; r < system.rows(); ++r) {
      for (int k = system.row_start()[r]; k < system.row_start()[r + 1]; ++k) {
        position_[k] = &matrix_.coeffRef(r, system.col_index()[k]) - matrix_.valuePtr();
      }
    }
  }

  bool Evaluate(const model::EquationSystem& system, const std::vector<double>& x_full) {
    system.Jacobian(x_full.data(), values_.data());
    for (std::size_t k = 0; k < values_.size(); ++k) matrix_.valuePtr()[position_[k]] = values_[k];
    return AllFinite(values_);
  }
  const SparseMatrix& matrix() const { return matrix_; }

 private:
  SparseMatrix matrix_;
  std::vector<double> values_;
  std::vector<std::ptrdiff_t> position_;
};

// A full Newton step kept only if it lowers the largest residual.
bool Polish(const model::EquationSystem& system, JacobianMatrix& jacobian,
            Eigen::SparseLU<SparseMatrix>& lu, std::vector<double>& x_full, std::vector<double>& f,
            std::vector<double>& y) {
  int n = system.cols();
  if (!jacobian.Evaluate(system, x_full)) return false;
  lu.factorize(jacobian.matrix());
  if (lu.info() != Eigen::Success) return false;
  Eigen::VectorXd step = lu.solve(-Eigen::Map<Eigen::VectorXd>(f.data(), n));
  std::vector<double> y_new(n), f_new(n), x_new = x_full;
  for (int k = 0; k < n; ++k) y_new[k] = y[k] + step[k];
  system.Scatter(y_new.data(), x_new.data());
  system.Residuals(x_new.data(), f_new.data());
  auto worst = [](const std::vector<double>& v) {
    double m = 0;
    for (double e : v) m = std::max(m, std::isfinite(e) ? std::abs(e) : INFINITY);
    return m;
  };
  if (!(worst(f_new) < worst(f))) return false;
  x_full.swap(x_new);
  f.swap(f_new);
  y.swap(y_new);
  return true;
}

}  // namespace

void NewtonOptions::Validate() const {
  if (!(tolerance > 0)) throw std::invalid_argument("newton tolerance must be > 0");
  if (max_iterations < 1) throw std::invalid_argument("newton max_iterations must be >= 1");
  if (!(max_seconds > 0)) throw std::invalid_argument("newton max_seconds must be > 0");
  if (!(armijo > 0 && armijo < 0.5)) throw std::invalid_argument("newton armijo must be in (0, 0.5)");
}

SolveSummary SolveNewton(const model::EquationSystem& system, std::vector<double>& x_full,
                         const NewtonOptions& options) {
  options.Validate();
  auto start = Clock::now();
  SolveSummary summary;
  summary.solver = "newton";
  int n = system.cols();
  std::vector<double> f(n), f_trial(n), y(n), y_trial(n), x_trial = x_full;
  Eigen::VectorXd step(n);
  system.Gather(x_full.data(), y.data());
  system.Residuals(x_full.data(), f.data());
  JacobianMatrix jacobian(system);
  Eigen::SparseLU<SparseMatrix> lu;
  lu.analyzePattern(jacobian.matrix());
  auto finish = [&](SolveStatus status, std::string message) {
    summary.status = status;
    summary.message = std::move(message);
    summary.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    Diagnose(system, x_full, summary);
    return summary;
  };
  if (!AllFinite(f)) return finish(SolveStatus::kEvaluationError, "non-finite residual at the start point");
  for (int it = 0;; ++it) {
    double norm = 0;
    for (double v : f) norm = std::max(norm, std::abs(v));
    if (norm <= options.tolerance) {
      // One more full step costs a factorisation and, with quadratic convergence, takes the
      // residual (and the Walras check, which sums every row's error) to rounding level.
      if (options.polish && it > 0 && Polish(system, jacobian, lu, x_full, f, y)) ++summary.iterations;
      return finish(SolveStatus::kConverged, "");
    }
    if (it == options.max_iterations) return finish(SolveStatus::kIterationLimit, "");
    if (std::chrono::duration<double>(Clock::now() - start).count() > options.max_seconds) {
      return finish(SolveStatus::kTimeLimit, "");
    }
    if (!jacobian.Evaluate(system, x_full)) {
      return finish(SolveStatus::kEvaluationError, "non-finite Jacobian entry");
    }
    lu.factorize(jacobian.matrix());
    if (lu.info() != Eigen::Success) return finish(SolveStatus::kSingularJacobian, lu.lastErrorMessage());
    step = lu.solve(-Eigen::Map<Eigen::VectorXd>(f.data(), n));
    double phi = HalfSquaredNorm(f), alpha = 1.0;
    while (true) {
      for (int k = 0; k < n; ++k) y_trial[k] = y[k] + alpha * step[k];
      system.Scatter(y_trial.data(), x_trial.data());
      system.Residuals(x_trial.data(), f_trial.data());
      if (AllFinite(f_trial) && HalfSquaredNorm(f_trial) <= (1 - 2 * options.armijo * alpha) * phi) break;
      alpha *= 0.5;
      if (alpha < options.min_step) {
        return finish(AllFinite(f_trial) ? SolveStatus::kLineSearchFailed : SolveStatus::kEvaluationError,
                      "no step along the Newton direction reduced the residual");
      }
    }
    y.swap(y_trial);
    f.swap(f_trial);
    x_full = x_trial;
    summary.iterations = it + 1;
  }
}

}  // namespace peninsula::solver
