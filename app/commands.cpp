// Subcommands: calibrate, solve, run.
#include "app/commands.hpp"

#include <algorithm>

#include <boost/program_options.hpp>
#include <cstdio>
#include <iostream>
#include <new>
#include <set>
#include <stdexcept>

#include "app/analysis/analysis_writer.hpp"
#include "app/analysis/path_analysis.hpp"
#include "app/path_command.hpp"
#include "app/path_runner.hpp"
#include "app/runner.hpp"
#include "calibration/build_data/variants.hpp"
#include "calibration/csv.hpp"
#include "calibration/synthetic.hpp"
#include "io/hdf5_store.hpp"
#include "io/scenario_file.hpp"
#include "model/derivative_check.hpp"

namespace peninsula::app {
namespace {

namespace po = boost::program_options;

constexpr double kReplicationTolerance = 1e-9;
constexpr double kDerivativeTolerance = 1e-6;

void PrintBenchmark(const BenchmarkCheck& check) {
  std::printf("benchmark replication: %d equations, %d free variables\n", check.equations,
              check.variables);
  for (const auto& [block, r] : check.max_by_block)
    std::printf("  %-26s max residual %.3e\n", block.c_str(), r);
  std::printf("  largest: %.3e at %s (tolerance %.0e)\n", check.max_residual,
              check.worst_equation.c_str(), kReplicationTolerance);
}

void PrintSummary(const io::ScenarioOutcome& o) {
  const auto& s = o.summary;
  std::printf(
      "scenario %-24s %-10s solver=%s iterations=%d max_residual=%.2e walras=%.2e "
      "complementarity=%.2e time=%.3fs%s\n",
      o.name.c_str(), solver::StatusName(s.status).c_str(), s.solver.c_str(), s.iterations,
      s.max_residual, s.walras_residual, s.complementarity_residual, s.seconds,
      s.homotopy_steps ? (" homotopy_steps=" + std::to_string(s.homotopy_steps)).c_str() : "");
  if (!s.converged()) {
    std::printf("  NOT CONVERGED (%s). Worst equations:\n", s.message.c_str());
    for (const auto& w : s.worst) std::printf("    %-40s %.3e\n", w.equation.c_str(), w.residual);
  }
}

int DerivativeCheck(model::Model& model) {
  model.data().p = model.data().p0;
  auto closure = model::ResolveClosure(model, {}, "default closure");
  model::EquationSystem system(model.registry(), model.blocks(), closure.fixed, {closure.walras},
                               model.benchmark());
  auto report = model::CheckDerivatives(system, model.benchmark());
  std::printf(
      "derivative check: %d Jacobian entries, worst relative error %.2e at d %s / d %s "
      "(AD %.6g, finite difference %.6g); %d entries missing from the pattern\n",
      report.entries_checked, report.worst.error, report.worst.equation.c_str(),
      report.worst.variable.c_str(), report.worst.ad, report.worst.finite_difference,
      report.missing_entries);
  bool ok = report.worst.error <= kDerivativeTolerance && report.missing_entries == 0;
  return ok ? kExitOk : kExitDerivatives;
}

solver::SolveOptions OptionsFor(const std::string& method, double tolerance,
                                const std::string& linear_solver, double max_seconds,
                                bool condense = true) {
  solver::SolveOptions options;
  options.method = solver::ParseMethod(method);
  options.newton.linear_solver = solver::ParseLinearSolver(linear_solver);
  options.newton.condense = condense;
  options.newton.tolerance = tolerance;
  options.ipopt.tolerance = tolerance;
  options.max_seconds = max_seconds;
  options.newton.max_seconds = max_seconds;
  options.ipopt.max_seconds = max_seconds;
  options.Validate();
  return options;
}

void CheckOutputPath(const std::filesystem::path& out, bool overwrite) {
  auto dir = out.parent_path().empty() ? std::filesystem::path(".") : out.parent_path();
  if (!std::filesystem::is_directory(dir)) {
    throw io::StoreError(out, "/", "directory " + dir.string() + " does not exist");
  }
  if (std::filesystem::exists(out) && !overwrite) {
    throw io::StoreError(out, "/", "file exists; use --overwrite to replace it");
  }
}

// A region role the study sets must name a region of the data; a typo would otherwise only
// show up as skipped indicators after every solve.
void CheckRoles(const io::AnalysisRoles& roles, const model::Model& model) {
  for (const auto& g : roles.given) {
    if (model.sets().regions.Find(g.label)) continue;
    std::string regions;
    for (const auto& r : model.sets().regions.labels())
      regions += (regions.empty() ? "" : ", ") + r;
    throw model::ScenarioError(g.where + ": '" + g.label +
                               "' is not a region of the data (regions: " + regions + ")");
  }
}

analysis::AnalysisOptions AnalysisFor(const io::AnalysisRoles& roles) {
  analysis::AnalysisOptions options;
  options.home = roles.home;
  options.partner = roles.partner;
  options.comparators = roles.comparators;
  return options;
}

// Loads data, solves every scenario, writes the results; the exit code of the first
// failed scenario, if any.
int SolveAndWrite(const std::filesystem::path& data,
                  const std::vector<std::filesystem::path>& files, const std::filesystem::path& out,
                  bool overwrite, const solver::SolveOptions& options, io::Provenance provenance,
                  bool check_derivatives, const io::AnalysisRoles& roles = {},
                  const std::vector<std::filesystem::path>& path_files = {},
                  const std::filesystem::path& growth_data = {}) {
  // Everything that can fail before solving fails before solving: the output path, the data,
  // every scenario. No solve is thrown away for an error found afterwards.
  CheckOutputPath(out, overwrite);
  std::vector<model::Scenario> scenarios;
  std::set<std::string> names;
  for (const auto& f : files) {
    scenarios.push_back(io::ReadScenario(f));
    if (!names.insert(scenarios.back().name).second) {
      throw model::ScenarioError(
          f.string() + ": scenario name '" + scenarios.back().name +
          "' is used by another scenario of this run (names must be unique)");
    }
  }
  PathSet paths = ReadPaths(path_files, growth_data.empty() ? data : growth_data);
  std::vector<model::Scenario> instruments = scenarios;
  for (auto& s : paths.Scenarios()) instruments.push_back(std::move(s));
  LoadedData loaded = LoadData(data, instruments);
  model::Model& model = *loaded.model;
  CheckRoles(roles, model);
  for (const auto& s : scenarios) ValidateScenario(model, s);
  LoadPathData(paths, model);
  BenchmarkCheck check = CheckBenchmark(model);
  PrintBenchmark(check);
  if (check.max_residual > kReplicationTolerance) {
    std::fprintf(stderr, "benchmark not replicated: no results written\n");
    return kExitReplication;
  }
  if (check_derivatives && DerivativeCheck(model) != kExitOk) return kExitDerivatives;
  std::vector<io::ScenarioOutcome> outcomes;
  int exit_code = kExitOk;
  // The last solve's factorisation, for its analysis; released before each solve, so that
  // no more than one large factorisation is alive at a time.
  analysis::HeldForOutcome held;
  for (const auto& s : scenarios) {
    held = {outcomes.size(), {}};
    outcomes.push_back(RunScenario(model, s, options, &held.factorization));
    PrintSummary(outcomes.back());
    if (exit_code == kExitOk && !outcomes.back().summary.converged()) {
      exit_code = solver::ExitCode(outcomes.back().summary.status);
    }
  }
  std::vector<io::PathOutcome> path_outcomes = RunPaths(model, paths, options);
  for (const auto& o : path_outcomes) {
    if (exit_code == kExitOk && !o.converged) {
      exit_code = solver::ExitCode(o.failure.status);
    }
  }
  provenance.data_directory = data;
  provenance.inputs = loaded.database.files;
  provenance.inputs.insert(provenance.inputs.end(), files.begin(), files.end());
  for (const auto& s : scenarios) {  // files the scenarios build on (extends, phases)
    for (const auto& step : s.before) {
      if (std::find(provenance.inputs.begin(), provenance.inputs.end(), step.origin) ==
          provenance.inputs.end()) {
        provenance.inputs.push_back(step.origin);
      }
    }
  }
  for (const auto& f : paths.inputs) {
    if (std::find(provenance.inputs.begin(), provenance.inputs.end(), f) == provenance.inputs.end())
      provenance.inputs.push_back(f);
  }
  io::WriteResults(out, overwrite, model, outcomes, provenance, [&](io::Hdf5Writer& w) {
    analysis::WriteAnalysis(w, model, outcomes, AnalysisFor(roles), std::move(held));
    io::WritePaths(w, model, path_outcomes);
    analysis::WritePathAnalysis(w, model, path_outcomes, AnalysisFor(roles));
  });
  std::printf("results written to %s\n", std::filesystem::absolute(out).string().c_str());
  return exit_code;
}

template <class F>
int Guarded(F&& body) {
  try {
    return body();
  } catch (const calibration::DataError& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return kExitData;
  } catch (const model::ScenarioError& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return kExitData;
  } catch (const io::StoreError& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return kExitOutput;
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return kExitUsage;
  }
}

// The data directory, or the named variant of it (data/korea2015 --variant un).
std::filesystem::path DataDirectory(const std::filesystem::path& data, const std::string& variant) {
  return variant.empty() ? data : calibration::DatabaseVariant(data, variant);
}

}  // namespace

int GuardedCommand(const std::string& name, const std::function<int()>& command) {
  try {
    return command();
  } catch (const po::error& e) {
    std::cerr << "peninsula " << name << ": " << e.what() << "\n";
    return kExitUsage;
  } catch (const std::bad_alloc&) {
    std::cerr << "peninsula " << name << ": out of memory\n";
    return kExitInternal;
  } catch (const std::exception& e) {
    std::cerr << "peninsula " << name << ": internal error: " << e.what() << "\n";
    return kExitInternal;
  }
}

bool WantsHelp(const std::vector<std::string>& args, const po::options_description& desc) {
  bool help = std::find(args.begin(), args.end(), "--help") != args.end() ||
              std::find(args.begin(), args.end(), "-h") != args.end();
  if (help) std::cout << desc;
  return help;
}

po::variables_map ParseOptions(const std::vector<std::string>& args,
                               const po::options_description& desc,
                               const po::positional_options_description* positional) {
  po::variables_map vm;
  auto parser = po::command_line_parser(args).options(desc);
  if (positional) parser.positional(*positional);
  po::store(parser.run(), vm);
  po::notify(vm);
  return vm;
}

int CalibrateCommand(const std::vector<std::string>& args) {
  po::options_description desc("peninsula calibrate");
  desc.add_options()("help,h", "this help")("data", po::value<std::string>()->required(),
                                            "data directory")(
      "variant", po::value<std::string>()->default_value(""),
      "a named variant of the data (DIR/variants/NAME)")(
      "check-derivatives", "compare the AD Jacobian with finite differences at the benchmark");
  if (WantsHelp(args, desc)) return kExitOk;
  auto vm = ParseOptions(args, desc);
  return Guarded([&] {
    std::filesystem::path data =
        DataDirectory(vm["data"].as<std::string>(), vm["variant"].as<std::string>());
    LoadedData loaded = LoadData(data);
    std::printf("database %s\n", data.string().c_str());
    BenchmarkCheck check = CheckBenchmark(*loaded.model);
    PrintBenchmark(check);
    if (check.max_residual > kReplicationTolerance) return kExitReplication;
    if (vm.count("check-derivatives")) return DerivativeCheck(*loaded.model);
    return kExitOk;
  });
}

int SolveCommand(const std::vector<std::string>& args, const std::string& command_line) {
  po::options_description desc("peninsula solve");
  desc.add_options()("help,h", "this help")("data", po::value<std::string>()->required(),
                                            "data directory")(
      "variant", po::value<std::string>()->default_value(""),
      "a named variant of the data (DIR/variants/NAME)")(
      "scenario", po::value<std::vector<std::string>>(), "scenario file (repeatable)")(
      "path", po::value<std::vector<std::string>>(),
      "path file (repeatable): a recursive-dynamic timeline, docs/dynamics.md")(
      "out", po::value<std::string>()->required(), "results file (HDF5)")(
      "overwrite", "replace an existing results file")(
      "solver", po::value<std::string>()->default_value("auto"), "auto, newton or ipopt")(
      "tolerance", po::value<double>()->default_value(1e-10), "max scaled residual")(
      "max-seconds", po::value<double>()->default_value(600.0),
      "time limit of each solve (Newton, the Ipopt fallback and the homotopy share it)")(
      "linear-solver", po::value<std::string>()->default_value("auto"),
      "Newton's sparse LU: auto, umfpack, mumps, klu or eigen")(
      "no-condense",
      "factorise the whole Jacobian, not the Schur complement of the explicitly "
      "defined variables (same steps; for verification)")("check-derivatives",
                                                          "check the AD Jacobian first");
  if (WantsHelp(args, desc)) return kExitOk;
  auto vm = ParseOptions(args, desc);
  return Guarded([&] {
    std::vector<std::filesystem::path> files, paths;
    if (vm.count("scenario"))
      for (const auto& s : vm["scenario"].as<std::vector<std::string>>()) files.emplace_back(s);
    if (vm.count("path"))
      for (const auto& s : vm["path"].as<std::vector<std::string>>()) paths.emplace_back(s);
    if (files.empty() && paths.empty())
      throw std::invalid_argument("solve needs at least one --scenario or --path");
    io::Provenance provenance;
    provenance.command_line = command_line;
    return SolveAndWrite(
        DataDirectory(vm["data"].as<std::string>(), vm["variant"].as<std::string>()), files,
        vm["out"].as<std::string>(), vm.count("overwrite") > 0,
        OptionsFor(vm["solver"].as<std::string>(), vm["tolerance"].as<double>(),
                   vm["linear-solver"].as<std::string>(), vm["max-seconds"].as<double>(),
                   vm.count("no-condense") == 0),
        provenance, vm.count("check-derivatives") > 0, {}, paths, vm["data"].as<std::string>());
  });
}

int RunCommand(const std::vector<std::string>& args, const std::string& command_line) {
  po::options_description desc("peninsula run");
  desc.add_options()("help,h", "this help")("study", po::value<std::string>()->required(),
                                            "study file (TOML)")(
      "out", po::value<std::string>(), "results file (default: the study's output)")(
      "overwrite", "replace an existing results file");
  po::positional_options_description positional;
  positional.add("study", 1);
  if (WantsHelp(args, desc)) return kExitOk;
  auto vm = ParseOptions(args, desc, &positional);
  return Guarded([&] {
    io::Study study = io::ReadStudy(vm["study"].as<std::string>());
    io::Provenance provenance;
    provenance.command_line = command_line;
    provenance.study_text = study.source_text;
    std::filesystem::path out =
        vm.count("out") ? std::filesystem::path(vm["out"].as<std::string>()) : study.output;
    if (!out.parent_path().empty()) std::filesystem::create_directories(out.parent_path());
    std::filesystem::path data = DataDirectory(study.data, study.variant);
    std::printf("study %s: %zu scenarios, %zu paths on %s\n", study.name.c_str(),
                study.scenarios.size(), study.paths.size(), data.string().c_str());
    return SolveAndWrite(
        data, study.scenarios, out, vm.count("overwrite") > 0,
        OptionsFor(study.solver_method, study.tolerance, "auto", study.max_seconds), provenance,
        false, study.roles, study.paths, study.data);
  });
}

// The catch-up rate that gives a path's growth target after its opening (docs/dynamics.md).
int CatchUpCommand(const std::vector<std::string>& args) {
  po::options_description desc("peninsula catch-up");
  desc.add_options()("help,h", "this help")("data", po::value<std::string>()->required(),
                                            "data directory")(
      "path", po::value<std::string>()->required(), "path file with an `open` phase")(
      "target", po::value<double>()->required(), "average yearly GDP growth after the opening")(
      "years", po::value<int>()->default_value(10), "years after the opening it is averaged over");
  if (WantsHelp(args, desc)) return kExitOk;
  auto vm = ParseOptions(args, desc);
  return Guarded([&] {
    PathSet paths = ReadPaths({vm["path"].as<std::string>()}, vm["data"].as<std::string>());
    LoadedData loaded = LoadData(vm["data"].as<std::string>(), paths.Scenarios());
    LoadPathData(paths, *loaded.model);
    solver::SolveOptions options;
    std::vector<io::PathOutcome> baseline;
    const model::PathSpec& spec = paths.specs.back();
    if (paths.specs.size() > 1) {
      baseline.push_back(RunPath(*loaded.model, paths.specs.front(),
                                 paths.data.at(paths.specs.front().dynamics_file), nullptr,
                                 options));
    }
    CatchUpFit fit = CalibrateCatchUp(*loaded.model, spec, paths.data.at(spec.dynamics_file),
                                      baseline.empty() ? nullptr : &baseline.front(), options,
                                      vm["target"].as<double>(), vm["years"].as<int>());
    if (!fit.converged) {
      std::fprintf(stderr, "error: catch-up calibration failed: %s\n", fit.message.c_str());
      return kExitData;
    }
    std::printf("%s: open_rate = %.6f gives %s growth of %.6f a year over %d-%d (%d runs)\n",
                spec.origin.c_str(), fit.rate, spec.catch_up.region.c_str(), fit.growth,
                fit.opening, fit.opening + vm["years"].as<int>(), fit.runs);
    return kExitOk;
  });
}

}  // namespace peninsula::app

namespace peninsula::app {

int SyntheticCommand(const std::vector<std::string>& args) {
  po::options_description desc("peninsula synthetic");
  calibration::SyntheticSpec spec;
  desc.add_options()("help,h", "this help")("out", po::value<std::string>()->required(),
                                            "directory to write")(
      "regions", po::value<int>(&spec.regions)->default_value(3),
      "number of regions (1: small open economy)")(
      "sectors", po::value<int>(&spec.sectors)->default_value(4), "number of sectors")(
      "factors", po::value<int>(&spec.factors)->default_value(3), "number of factors")(
      "households", po::value<int>(&spec.households)->default_value(1), "households per region")(
      "seed", po::value<std::uint64_t>(&spec.seed)->default_value(1), "random seed")(
      "ownership", "part of the first region's first factor owned by the second region")(
      "latent", "a latent flow of the first sector from the first to the second region")(
      "entry", "the second region may adopt the first region's technology of the first sector");
  if (WantsHelp(args, desc)) return kExitOk;
  auto vm = ParseOptions(args, desc);
  spec.ownership = vm.count("ownership") > 0;
  spec.latent = vm.count("latent") > 0;
  spec.entry = vm.count("entry") > 0;
  return Guarded([&] {
    calibration::WriteSyntheticDatabase(vm["out"].as<std::string>(), spec);
    std::printf("synthetic database written to %s\n", vm["out"].as<std::string>().c_str());
    return kExitOk;
  });
}

}  // namespace peninsula::app
