// What the sparse LU costs on one database, with and without condensing the explicitly
// defined variables (solver/condensed_lu): UMFPACK's symbolic analysis and numeric
// factorisation of the benchmark Jacobian (CPU seconds), its fill, flops and memory, as
// docs/performance.md reports them. UMFPACK is called directly, with the controls of
// solver/sparse_lu.cpp's UmfpackLu, because that LU shares its analysis across the process and
// would time it only once.
//
//   build/tests/benchmarks/peninsula_lu_report DATA_DIR [MAX_FILL]
#include <suitesparse/umfpack.h>

#include <cstdio>
#include <ctime>
#include <string>

#include "app/blas_runtime.hpp"
#include "app/runner.hpp"
#include "model/equation_system.hpp"
#include "model/scenario.hpp"
#include "solver/condensed_lu.hpp"
#include "solver/newton.hpp"

namespace peninsula {
namespace {

double CpuSeconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

// Symbolic analysis and factorisation of the CSR matrix (UMFPACK sees its transpose).
void Report(const char* name, int n, const std::vector<int>& start, const std::vector<int>& index,
            const std::vector<double>& values) {
  double control[UMFPACK_CONTROL], info[UMFPACK_INFO];
  umfpack_di_defaults(control);
  control[UMFPACK_ORDERING] = UMFPACK_ORDERING_METIS;
  control[UMFPACK_IRSTEP] = 0;
  control[UMFPACK_FRONT_ALLOC_INIT] = 1.0;
  void *symbolic = nullptr, *numeric = nullptr;
  double t0 = CpuSeconds();
  int s1 = umfpack_di_symbolic(n, n, start.data(), index.data(), nullptr, &symbolic, control, info);
  double t1 = CpuSeconds();
  int s2 = umfpack_di_numeric(start.data(), index.data(), values.data(), symbolic, &numeric,
                              control, info);
  double t2 = CpuSeconds();
  std::printf(
      "%-10s unknowns %7d nonzeros %8zu | symbolic %6.2f s  numeric %6.2f s  (status %d %d) | "
      "LU nonzeros %.3g  flops %.3g  peak memory %.0f MB\n",
      name, n, index.size(), t1 - t0, t2 - t1, s1, s2, info[UMFPACK_LNZ] + info[UMFPACK_UNZ],
      info[UMFPACK_FLOPS], info[UMFPACK_PEAK_MEMORY] * info[UMFPACK_SIZE_OF_UNIT] / 1e6);
  umfpack_di_free_numeric(&numeric);
  umfpack_di_free_symbolic(&symbolic);
}

// S − C·D⁻¹·B, assembled as CondensedLu does.
std::vector<double> Reduced(const solver::Condensation& p, const std::vector<double>& j) {
  std::vector<double> out(p.reduced_index.size(), 0.0);
  for (std::size_t k = 0; k < p.copy_entry.size(); ++k)
    out[p.copy_position[k]] += j[p.copy_entry[k]];
  std::size_t fill = 0;
  for (std::size_t u = 0; u < p.update_entry.size(); ++u) {
    int e = p.update_variable[u];
    double factor = j[p.update_entry[u]] / j[p.pivot_entry[e]];
    for (int d = p.defining_start[e]; d < p.defining_start[e + 1]; ++d) {
      out[p.fill_position[fill++]] -= factor * j[p.defining_entry[d]];
    }
  }
  return out;
}

int Run(const std::string& dir, int max_fill) {
  app::LoadedData loaded = app::LoadData(dir);
  model::Model& m = *loaded.model;
  model::ClosurePlan closure = model::ResolveClosure(m, {}, "lu report");
  model::EquationSystem system(m.registry(), m.blocks(), closure.fixed, {closure.walras},
                               m.benchmark());
  std::vector<double> jacobian(system.nonzeros());
  system.Jacobian(m.benchmark().data(), jacobian.data());
  Report("full", system.cols(), system.row_start(), system.col_index(), jacobian);
  solver::Condensation plan =
      solver::PlanCondensation(solver::CondensationInputFor(system, max_fill));
  Report("condensed", plan.reduced_size(), plan.reduced_start, plan.reduced_index,
         Reduced(plan, jacobian));
  return 0;
}

}  // namespace
}  // namespace peninsula

int main(int argc, char** argv) {
  peninsula::app::SelectBlasKernels(argv);  // the program's own kernels
  if (argc < 2) {
    std::fprintf(stderr, "usage: peninsula_lu_report DATA_DIR [MAX_FILL]\n");
    return 1;
  }
  return peninsula::Run(argv[1], argc > 2 ? std::stoi(argv[2])
                                          : peninsula::solver::NewtonOptions{}.condense_max_fill);
}
