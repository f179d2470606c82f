// The subcommands behind main(): each parses its own options and returns an exit code.
#pragma once

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

int CalibrateCommand(const std::vector<std::string>& args);
int SolveCommand(const std::vector<std::string>& args, const std::string& command_line);
int SyntheticCommand(const std::vector<std::string>& args);
int RunCommand(const std::vector<std::string>& args, const std::string& command_line);

}  // namespace peninsula::app
