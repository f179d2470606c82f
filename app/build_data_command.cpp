// The build-data subcommand: builds, writes, then loads every written database and checks
// that the model replicates its benchmark, so a database that cannot be used is reported here
// and not at the first solve.
#include "app/build_data_command.hpp"

#include <boost/program_options.hpp>
#include <cstdio>
#include <iostream>

#include "app/commands.hpp"
#include "app/runner.hpp"
#include "calibration/build_data/build_data.hpp"
#include "calibration/csv.hpp"

namespace peninsula::app {
namespace {

namespace po = boost::program_options;
namespace bd = calibration::build_data;

constexpr double kReplicationTolerance = 1e-9;

void PrintDatabase(const bd::BuildConfig& config, const bd::BuiltDatabase& db) {
  std::printf("variant %-10s GDP", db.variant.c_str());
  const double unit = config.unit_digits == 9 ? 1e-3 : 1.0;  // controls are in US$ million
  for (const auto& sam : db.sams)
    std::printf(" %s %.6g", sam.region.c_str(), sam.controls.front().reproduced * unit);
  std::printf(" (%s)\n", config.units.c_str());
}

// Loads a written database and evaluates the model at its benchmark.
BenchmarkCheck Replicate(const std::filesystem::path& dir) {
  LoadedData loaded = LoadData(dir);
  return CheckBenchmark(*loaded.model);
}

int Run(const std::filesystem::path& file, const std::filesystem::path& out) {
  const bd::BuildConfig config = bd::ReadBuildConfig(file);
  const bd::BuildSummary summary = bd::BuildAndWrite(config, out);
  std::printf("built %s in %.2f s into %s\n", config.name.c_str(), summary.seconds,
              summary.output.string().c_str());
  int code = kExitOk;
  for (size_t k = 0; k < summary.databases.size(); ++k) {
    const auto& db = summary.databases[k];
    PrintDatabase(config, db);
    const auto dir = k == 0 ? summary.output : summary.output / config.variants_dir / db.variant;
    const BenchmarkCheck check = Replicate(dir);
    std::printf("  %s: benchmark max residual %.3e at %s (tolerance %.0e)\n", dir.string().c_str(),
                check.max_residual, check.worst_equation.c_str(), kReplicationTolerance);
    if (!(check.max_residual <= kReplicationTolerance)) code = kExitReplication;
  }
  return code;
}

}  // namespace

int BuildDataCommand(const std::vector<std::string>& args) {
  po::options_description desc("peninsula build-data");
  desc.add_options()("help,h", "this help")("build", po::value<std::string>()->required(),
                                            "build description (TOML)")(
      "out", po::value<std::string>(), "output directory (default: the build file's output)");
  po::positional_options_description positional;
  positional.add("build", 1);
  if (WantsHelp(args, desc)) return kExitOk;
  po::variables_map vm = ParseOptions(args, desc, &positional);
  try {
    return Run(vm["build"].as<std::string>(),
               vm.count("out") ? std::filesystem::path(vm["out"].as<std::string>())
                               : std::filesystem::path());
  } catch (const calibration::DataError& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return kExitData;
  } catch (const std::filesystem::filesystem_error& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return kExitOutput;
  }
}

}  // namespace peninsula::app
