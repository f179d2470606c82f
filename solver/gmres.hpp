// GMRES for J·x = b with a right preconditioner, for Newton steps on a Jacobian whose
// factorisation is not at hand: preconditioned by a factorisation of a nearby Jacobian (the
// one chord steps use), it gives the step at the cost of a few triangular solves instead of
// a new factorisation, which on large models costs a hundred solves or more.
#pragma once

#include <functional>
#include <vector>

namespace peninsula::solver {

// y = J·v, and v ← M⁻¹·v (false when the preconditioner fails).
using LinearMap = std::function<void(const std::vector<double>& v, std::vector<double>& y)>;
using Preconditioner = std::function<bool(std::vector<double>& v)>;

// Solves J·x = b from x = 0 with at most `max_iterations` Arnoldi steps (no restart) until
// ‖b − J·x‖₂ ≤ relative_tolerance·‖b‖₂. Returns whether it got there; x holds the last
// iterate either way. `preconditioned_b`, if given, is M⁻¹·b (a chord step the caller has
// already solved for), which saves the first preconditioner call. Each Arnoldi step costs one
// preconditioner call and nothing more: the preconditioned directions are kept (as flexible
// GMRES does), so the solution needs no further solve.
bool Gmres(const LinearMap& apply, const Preconditioner& precondition, const std::vector<double>& b,
           std::vector<double>& x, int max_iterations, double relative_tolerance,
           const std::vector<double>* preconditioned_b = nullptr);

}  // namespace peninsula::solver
