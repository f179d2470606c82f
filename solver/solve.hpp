// Solving one shock: the fast Newton path first, Ipopt as the fallback, and automatic
// homotopy (stepping through the shock with warm starts) when neither solves directly.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "model/equation_system.hpp"
#include "solver/ipopt_solver.hpp"
#include "solver/newton.hpp"
#include "solver/status.hpp"

namespace peninsula::solver {

enum class Method { kAuto, kNewton, kIpopt };

struct SolveOptions {
  Method method = Method::kAuto;
  NewtonOptions newton;
  IpoptOptions ipopt;
  bool homotopy = true;
  int max_homotopy_steps = 64;
  double min_homotopy_step = 1.0 / 1024;
  double walras_tolerance = 1e-8;  // on the dropped equation's scaled residual
  // Wall-clock budget of the whole solve: Newton, the Ipopt fallback and every homotopy step
  // share it, so a run given N seconds stops near N seconds rather than at a multiple of it.
  double max_seconds = 600.0;
  NewtonWorkspace* workspace = nullptr;  // optional, not owned: reused across solves

  void Validate() const;
};

Method ParseMethod(const std::string& text);  // throws std::invalid_argument

// Sets the shock to fraction t in [0, 1] of its full size (parameters and fixed variables in
// x_full); t = 0 must be the state `x_full` solves when the call starts.
using ShockSetter = std::function<void(double t, std::vector<double>& x_full)>;

// On return x_full holds the solution (converged) or the last iterate (not converged).
SolveSummary Solve(const model::EquationSystem& system, std::vector<double>& x_full,
                   const ShockSetter& set_shock, const SolveOptions& options = {});

}  // namespace peninsula::solver
