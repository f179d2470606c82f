// `peninsula batch BATCH.toml`: the subcommand behind main() (docs/batch.md).
#pragma once

#include <string>
#include <vector>

namespace peninsula::app {

inline constexpr int kExitStopped = 9;  // --stop-after: the test-only abrupt stop

int BatchCommand(const std::vector<std::string>& args, const std::string& command_line);

}  // namespace peninsula::app
