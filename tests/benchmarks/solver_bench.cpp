// Benchmarks (Google Benchmark) for docs/performance.md: calibration, residual and Jacobian
// evaluation, factorisation, and policy solves from the benchmark (cold) and from a
// neighbouring solution (warm) on each solver path, on synthetic databases of growing size.
// Each Newton solve also reports its distance from the Newton limit: iterations × (one
// factorisation + one residual + one Jacobian evaluation), measured separately on the same
// system with the same factorisation (solver/newton_limit), as the ratio x_newton_limit,
// newton_limit_met (1 when within the 1.5× target) and in words in its label.
//
//   build/tests/benchmarks/peninsula_bench --benchmark_filter=5x13
#include <benchmark/benchmark.h>

#include <chrono>
#include <map>
#include <memory>
#include <random>
#include <sys/resource.h>

#include "app/blas_runtime.hpp"
#include "app/runner.hpp"
#include "app/scenario_runner.hpp"
#include "calibration/calibrate.hpp"
#include "calibration/synthetic.hpp"
#include "model/equation_system.hpp"
#include "solver/newton_limit.hpp"
#include "solver/solve.hpp"
#include "solver/sparse_lu.hpp"

namespace peninsula {
namespace {

constexpr int kFactors = 5;

double PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

std::filesystem::path DataDir(int regions, int sectors) {
  auto dir = std::filesystem::temp_directory_path() /
             ("peninsula_bench_" + std::to_string(regions) + "x" + std::to_string(sectors));
  if (!std::filesystem::exists(dir / "elasticities.csv")) {
    calibration::SyntheticSpec spec;
    spec.regions = regions;
    spec.sectors = sectors;
    spec.factors = kFactors;
    spec.seed = 2026;
    calibration::WriteSyntheticDatabase(dir, spec);
  }
  return dir;
}

// A calibrated model with its default-closure system, built once per size.
struct Instance {
  app::LoadedData loaded;
  model::ClosurePlan closure;
  std::unique_ptr<model::EquationSystem> system;

  model::Model& model() { return *loaded.model; }
};

Instance& Get(int regions, int sectors) {
  static std::map<std::pair<int, int>, std::unique_ptr<Instance>> cache;
  auto& slot = cache[{regions, sectors}];
  if (!slot) {
    slot = std::make_unique<Instance>();
    slot->loaded = app::LoadData(DataDir(regions, sectors));
    slot->closure = model::ResolveClosure(slot->model(), {}, "bench");
    slot->system = std::make_unique<model::EquationSystem>(
        slot->model().registry(), slot->model().blocks(), slot->closure.fixed,
        std::vector<model::RowRef>{slot->closure.walras}, slot->model().benchmark());
  }
  return *slot;
}

model::Scenario TariffCut(double scale) {
  model::Scenario s;
  s.name = "bench";
  s.origin = "bench";
  model::ShockSpec shock;
  shock.target = "tm";
  shock.index = {"*", "*", "R1"};
  shock.mode = model::ShockMode::kScale;
  shock.value = scale;
  s.shocks.push_back(shock);
  return s;
}

template <class F>
double SecondsPer(F&& f, int repeats) {
  auto start = std::chrono::steady_clock::now();
  for (int k = 0; k < repeats; ++k) f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() / repeats;
}

// Seconds of one factorisation + one Jacobian + one residual evaluation at the benchmark,
// with the factorisation the solver uses (its workspace's LU: condensed or not).
double NewtonIterationSeconds(Instance& in, const solver::NewtonOptions& options) {
  static std::map<std::tuple<Instance*, int, bool>, double> cache;
  auto key = std::make_tuple(&in, static_cast<int>(options.linear_solver), options.condense);
  if (cache.count(key)) return cache[key];
  auto& sys = *in.system;
  const auto& x = in.model().benchmark();
  std::vector<double> f(sys.rows()), jac(sys.nonzeros());
  solver::NewtonWorkspace workspace(sys, options);
  sys.Jacobian(x.data(), jac.data());
  int repeats = sys.rows() > 20000 ? 2 : 10;
  double t = SecondsPer([&] { sys.Residuals(x.data(), f.data()); }, repeats) +
             SecondsPer([&] { sys.Jacobian(x.data(), jac.data()); }, repeats) +
             SecondsPer([&] { workspace.lu().Factorize(jac.data()); }, repeats);
  return cache[key] = t;
}

void SetSize(benchmark::State& state, Instance& in) {
  state.counters["variables"] = in.system->cols();
  state.counters["nonzeros"] = in.system->nonzeros();
  state.counters["peak_rss_mb"] = PeakRssMb();
}

void BM_Calibrate(benchmark::State& state) {
  auto dir = DataDir(state.range(0), state.range(1));
  for (auto _ : state) benchmark::DoNotOptimize(app::LoadData(dir));
  state.counters["peak_rss_mb"] = PeakRssMb();
}

void BM_Residual(benchmark::State& state) {
  Instance& in = Get(state.range(0), state.range(1));
  std::vector<double> f(in.system->rows());
  for (auto _ : state) in.system->Residuals(in.model().benchmark().data(), f.data());
  SetSize(state, in);
}

void BM_Jacobian(benchmark::State& state) {
  Instance& in = Get(state.range(0), state.range(1));
  std::vector<double> jac(in.system->nonzeros());
  for (auto _ : state) in.system->Jacobian(in.model().benchmark().data(), jac.data());
  SetSize(state, in);
}

void BM_Factorize(benchmark::State& state) {
  Instance& in = Get(state.range(0), state.range(1));
  auto kind = static_cast<solver::LinearSolverKind>(state.range(2));
  auto& sys = *in.system;
  std::vector<double> jac(sys.nonzeros());
  sys.Jacobian(in.model().benchmark().data(), jac.data());
  auto lu = solver::MakeSparseLu(kind, sys.cols(), sys.row_start(), sys.col_index());
  for (auto _ : state) benchmark::DoNotOptimize(lu->Factorize(jac.data()));
  state.SetLabel(solver::LinearSolverName(kind));
  SetSize(state, in);
}

// One policy solve; `warm` starts from the solution of a neighbouring shock.
void Solve(benchmark::State& state, bool warm, solver::Method method) {
  Instance& in = Get(state.range(0), state.range(1));
  auto kind = static_cast<solver::LinearSolverKind>(state.range(2));
  model::Model& m = in.model();
  solver::SolveOptions options;
  options.method = method;
  options.newton.linear_solver = kind;
  options.homotopy = false;
  std::vector<double> start = m.benchmark();
  m.data().p = m.data().p0;
  // Warm: the workspace holds the ordering and the factorisation left by the neighbouring
  // solve, as it would in a sequence of related solves. Cold: everything from scratch.
  std::unique_ptr<solver::NewtonWorkspace> workspace;
  auto solve_first = [&](std::vector<double>& x) {
    model::ShockPlan first(m, TariffCut(0.5), x, in.closure.fixed);
    solver::Solve(
        *in.system, x, [&](double t, std::vector<double>& p) { first.Apply(t, p); }, options);
  };
  if (warm) {
    workspace = std::make_unique<solver::NewtonWorkspace>(*in.system, kind);
    options.workspace = workspace.get();
    solve_first(start);
  }
  auto base_parameters = m.data().p;
  model::ShockPlan plan(m, TariffCut(warm ? 0.45 : 0.5), start, in.closure.fixed);
  solver::SolveSummary summary;
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<double> x = start;
    if (warm) {
      std::vector<double> again = m.benchmark();
      m.data().p = m.data().p0;
      solve_first(again);  // leaves the workspace as the neighbouring solve did
    }
    m.data().p = base_parameters;
    state.ResumeTiming();
    summary = solver::Solve(
        *in.system, x, [&](double t, std::vector<double>& p) { plan.Apply(t, p); }, options);
  }
  m.data().p = m.data().p0;
  if (!summary.converged()) state.SkipWithError("solve did not converge");
  state.counters["iterations"] = summary.iterations;
  state.counters["factorizations"] = summary.factorizations;
  std::string label = method == solver::Method::kIpopt
                          ? "ipopt"
                          : "newton+" + solver::LinearSolverName(
                                            solver::ResolveLinearSolver(kind, in.system->cols()));
  if (method == solver::Method::kNewton) {
    // The Newton limit counts what full Newton would do: one factorisation per iteration.
    solver::NewtonLimit limit{NewtonIterationSeconds(in, options.newton), summary.iterations};
    state.counters["newton_limit_s"] = limit.seconds();
    state.counters["x_newton_limit"] = limit.Ratio(summary.seconds);
    state.counters["newton_limit_met"] = limit.Met(summary.seconds);
    label += ", " + solver::NewtonLimitReport(limit, summary.seconds);
  }
  state.SetLabel(label);
  SetSize(state, in);
}

void BM_SolveColdNewton(benchmark::State& s) { Solve(s, false, solver::Method::kNewton); }
void BM_SolveWarmNewton(benchmark::State& s) { Solve(s, true, solver::Method::kNewton); }
void BM_SolveColdIpopt(benchmark::State& s) { Solve(s, false, solver::Method::kIpopt); }
void BM_SolveWarmIpopt(benchmark::State& s) { Solve(s, true, solver::Method::kIpopt); }

// Batch throughput: each solve redraws every elasticity (±20%, uniform) and solves the tariff
// cut from the benchmark, as a sensitivity analysis does.
void BM_BatchRedraw(benchmark::State& state) {
  Instance& in = Get(state.range(0), state.range(1));
  model::Model& m = in.model();
  std::mt19937_64 rng(1);
  std::uniform_real_distribution<double> factor(0.8, 1.2);
  solver::SolveOptions options;
  solver::NewtonWorkspace workspace(*in.system, options.newton.linear_solver);
  options.workspace = &workspace;
  int failed = 0;
  for (auto _ : state) {
    m.data().p = m.data().p0;
    for (auto* t : {&m.data().p.sigma_va, &m.data().p.sigma_d, &m.data().p.sigma_m}) {
      for (auto& v : t->values()) v *= factor(rng);
    }
    std::vector<double> x = m.benchmark();
    model::ShockPlan plan(m, TariffCut(0.5), x, in.closure.fixed);
    auto summary = solver::Solve(
        *in.system, x, [&](double t, std::vector<double>& p) { plan.Apply(t, p); }, options);
    failed += !summary.converged();
  }
  m.data().p = m.data().p0;
  state.counters["solves_per_s"] =
      benchmark::Counter(state.iterations(), benchmark::Counter::kIsRate);
  state.counters["failed"] = failed;
  SetSize(state, in);
}

// A batch draw's database and model on a prepared runner (app::ScenarioRunner), per size.
struct DrawInstance {
  calibration::Database db;
  std::vector<calibration::ElasticityRow> rows;
  std::unique_ptr<model::Model> model;
  std::unique_ptr<app::ScenarioRunner> runner;
};

DrawInstance& GetDraw(int regions, int sectors) {
  static std::map<std::pair<int, int>, std::unique_ptr<DrawInstance>> cache;
  auto& slot = cache[{regions, sectors}];
  if (!slot) {
    slot = std::make_unique<DrawInstance>();
    slot->db = calibration::ReadDatabase(DataDir(regions, sectors));
    slot->rows = slot->db.elasticities;
    slot->model = std::make_unique<model::Model>(calibration::Calibrate(slot->db));
    slot->runner = std::make_unique<app::ScenarioRunner>(
        *slot->model, std::vector<model::Scenario>{TariffCut(0.5)}, solver::SolveOptions{});
  }
  return *slot;
}

// The elasticity rows of a draw: sigma_d, sigma_m and sigma_va each scaled by one common
// factor in [0.8, 1.2] (as a batch's common draws with cv 0.2).
void RedrawRows(DrawInstance& in, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> factor(0.8, 1.2);
  std::map<std::string, double> f = {
      {"sigma_d", factor(rng)}, {"sigma_m", factor(rng)}, {"sigma_va", factor(rng)}};
  in.db.elasticities = in.rows;
  for (auto& row : in.db.elasticities) {
    if (f.count(row.parameter)) row.value *= f[row.parameter];
  }
}

void DrawCounters(benchmark::State& state, double iterations, double factorizations, int failed) {
  state.counters["draws_per_s"] =
      benchmark::Counter(state.iterations(), benchmark::Counter::kIsRate);
  state.counters["iterations"] = iterations / state.iterations();
  state.counters["factorizations"] = factorizations / state.iterations();
  state.counters["failed"] = failed;
  state.counters["peak_rss_mb"] = PeakRssMb();
}

// Times one redraw of the elasticity rows and its solve per iteration, counting the solver's
// work; `solve` is the way under test.
template <class Solve>
void TimeDraws(benchmark::State& state, Solve solve) {
  DrawInstance& in = GetDraw(state.range(0), state.range(1));
  std::mt19937_64 rng(1);
  double iterations = 0, factorizations = 0;
  int failed = 0;
  for (auto _ : state) {
    RedrawRows(in, rng);
    io::ScenarioOutcome o = solve(in);
    iterations += o.summary.iterations;
    factorizations += o.summary.factorizations;
    failed += !o.summary.converged();
  }
  DrawCounters(state, iterations, factorizations, failed);
}

// `peninsula batch`'s draws: the elasticity tables recalibrated, the tariff cut re-solved
// from the central solution on the prepared system (batch::DrawEvaluator).
void BM_PreparedDraw(benchmark::State& state) {
  TimeDraws(state, [](DrawInstance& in) {
    calibration::RecalibrateElasticities(in.db, in.model->data());
    return in.runner->Run(0);
  });
}

// The same draws solved as before the runner (batch::EvaluateDraw): a full calibration, a new
// model and system, a cold solve from the benchmark.
void BM_ColdDraw(benchmark::State& state) {
  TimeDraws(state, [](DrawInstance& in) {
    model::Model m(calibration::Calibrate(in.db));
    return app::RunScenario(m, TariffCut(0.5), solver::SolveOptions{});
  });
}

constexpr int kUmf = static_cast<int>(solver::LinearSolverKind::kUmfpack);
constexpr int kKlu = static_cast<int>(solver::LinearSolverKind::kKlu);
constexpr int kMumps = static_cast<int>(solver::LinearSolverKind::kMumps);
constexpr int kEigen = static_cast<int>(solver::LinearSolverKind::kEigen);

void Sizes(benchmark::internal::Benchmark* b) {
  b->ArgNames({"regions", "sectors"});
  for (auto [r, i] : {std::pair{5, 13}, {10, 30}, {20, 40}, {40, 57}}) b->Args({r, i});
}

void SizesAndSolvers(benchmark::internal::Benchmark* b, bool all_sizes) {
  b->ArgNames({"regions", "sectors", "lu"});
  for (auto [r, i] : {std::pair{5, 13}, {10, 30}, {20, 40}, {40, 57}}) {
    if (!all_sizes && r > 20) continue;
    for (int lu : {kUmf, kKlu, kMumps, kEigen}) {
      if (lu == kEigen && r > 5) continue;  // Eigen's SparseLU fill explodes beyond the small model
      if (lu == kKlu && r > 10) continue;   // KLU has no BLAS kernels for the dense fronts
      b->Args({r, i, lu});
    }
  }
}

BENCHMARK(BM_Calibrate)->Apply(Sizes)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Residual)->Apply(Sizes)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Jacobian)->Apply(Sizes)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Factorize)
    ->Apply([](auto* b) { SizesAndSolvers(b, true); }) -> Unit(benchmark::kMillisecond);
BENCHMARK(BM_SolveColdNewton)
    ->Apply([](auto* b) { SizesAndSolvers(b, true); }) -> Unit(benchmark::kMillisecond);
BENCHMARK(BM_SolveWarmNewton)
    ->Apply([](auto* b) { SizesAndSolvers(b, true); }) -> Unit(benchmark::kMillisecond);
void IpoptSizes(benchmark::internal::Benchmark* b) {
  b->ArgNames({"regions", "sectors", "lu"})->Args({5, 13, 0})->Args({10, 30, 0})->Args({20, 40, 0});
}

BENCHMARK(BM_SolveColdIpopt)->Apply(IpoptSizes)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SolveWarmIpopt)->Apply(IpoptSizes)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BatchRedraw)
    ->Apply([](auto* b) {
      b->ArgNames({"regions", "sectors"})->Args({5, 13})->Args({20, 40});
    }) -> Unit(benchmark::kMillisecond);

BENCHMARK(BM_PreparedDraw)
    ->Apply([](auto* b) {
      b->ArgNames({"regions", "sectors"})->Args({5, 13})->Args({20, 40});
    }) -> Unit(benchmark::kMillisecond);
BENCHMARK(BM_ColdDraw)
    ->Apply([](auto* b) {
      b->ArgNames({"regions", "sectors"})->Args({5, 13})->Args({20, 40});
    }) -> Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace peninsula

// The kernels the program itself runs with (app/blas_runtime.hpp), so the figures are its own.
int main(int argc, char** argv) {
  peninsula::app::SelectBlasKernels(argv);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
