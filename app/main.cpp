// peninsula: the command line (docs/cli.md). Thin: parses options, calls app/runner, prints
// summaries, maps failures to exit codes.
#include <cstdio>
#include <functional>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "app/batch/command.hpp"
#include "app/blas_runtime.hpp"
#include "app/build_data_command.hpp"
#include "app/commands.hpp"
#include "app/report_command.hpp"

namespace {

void PrintUsage() {
  std::cout
      << "peninsula " << peninsula::io::VersionString()
      << " — CGE model of inter-Korean economic integration\n\n"
         "Usage:\n"
         "  peninsula calibrate --data DIR [--check-derivatives]\n"
         "  peninsula solve --data DIR [--scenario FILE ...] [--path FILE ...] --out FILE\n"
         "                  [--overwrite] [--solver auto|newton|ipopt] [--check-derivatives]\n"
         "  peninsula run STUDY.toml [--out FILE] [--overwrite]\n"
         "  peninsula batch BATCH.toml [--out FILE] [--overwrite | --resume]   (mpirun -np N too)\n"
         "  peninsula synthetic --out DIR [--regions R --sectors I --factors F --households H "
         "--seed S]\n"
         "  peninsula build-data BUILD.toml [--out DIR]\n"
         "  peninsula catch-up --data DIR --path FILE --target G [--years N]\n"
         "  peninsula report RESULTS.h5 --out DIR [--overwrite] [--home R --partner R "
         "--comparators R,R]\n"
         "  peninsula --version | --help\n\n"
         "Run 'peninsula COMMAND --help' for a command's options. Exit codes: docs/cli.md.\n";
}

}  // namespace

int main(int argc, char** argv) {
  using namespace peninsula::app;
  SelectBlasKernels(argv);
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    PrintUsage();
    return args.empty() ? kExitUsage : kExitOk;
  }
  if (args[0] == "--version") {
    std::cout << "peninsula " << peninsula::io::VersionString() << " ("
              << peninsula::io::GitCommit() << ")\n";
    return kExitOk;
  }
  std::string command_line;
  for (int k = 0; k < argc; ++k) command_line += (k ? " " : "") + std::string(argv[k]);
  std::vector<std::string> rest(args.begin() + 1, args.end());
  using Command = std::function<int()>;
  const std::map<std::string, Command> commands = {
      {"calibrate", [&] { return CalibrateCommand(rest); }},
      {"solve", [&] { return SolveCommand(rest, command_line); }},
      {"run", [&] { return RunCommand(rest, command_line); }},
      {"synthetic", [&] { return SyntheticCommand(rest); }},
      {"build-data", [&] { return BuildDataCommand(rest); }},
      {"batch", [&] { return BatchCommand(rest, command_line); }},
      {"report", [&] { return ReportCommand(rest); }},
      {"catch-up", [&] { return CatchUpCommand(rest); }},
  };
  if (auto found = commands.find(args[0]); found != commands.end()) {
    return GuardedCommand(args[0], found->second);
  }
  std::cerr << "peninsula: unknown command '" << args[0] << "'\n";
  PrintUsage();
  return kExitUsage;
}
