// The subcommands behind main(): each parses its own options and returns an exit code.
#pragma once

#include <boost/program_options.hpp>
#include <functional>
#include <string>
#include <vector>

#include "io/results_writer.hpp"

namespace peninsula::app {

inline constexpr int kExitOk = 0;
inline constexpr int kExitUsage = 1;
inline constexpr int kExitData = 2;         // bad input data or scenario
inline constexpr int kExitOutput = 3;       // results file could not be written
inline constexpr int kExitReplication = 4;  // benchmark not replicated
inline constexpr int kExitDerivatives = 5;  // AD and finite differences disagree
inline constexpr int kExitInternal = 70;    // an unexpected exception: a bug, or out of memory

// Runs one subcommand and maps what escapes it to an exit code with a message on stderr
// naming the command: option errors are usage errors, anything else is internal (the stack is
// unwound, so temporary output files are removed as on any other failure).
int GuardedCommand(const std::string& name, const std::function<int()>& command);

// Shared by every subcommand: prints the options and returns true on --help or -h; parses
// the options (throws boost::program_options::error, which main() reports as a usage error).
bool WantsHelp(const std::vector<std::string>& args,
               const boost::program_options::options_description& desc);
boost::program_options::variables_map ParseOptions(
    const std::vector<std::string>& args, const boost::program_options::options_description& desc,
    const boost::program_options::positional_options_description* positional = nullptr);

int CalibrateCommand(const std::vector<std::string>& args);
int SolveCommand(const std::vector<std::string>& args, const std::string& command_line);
int SyntheticCommand(const std::vector<std::string>& args);
int RunCommand(const std::vector<std::string>& args, const std::string& command_line);
int CatchUpCommand(const std::vector<std::string>& args);

}  // namespace peninsula::app
