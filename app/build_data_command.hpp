// `peninsula build-data BUILD.toml [--out DIR]`: regenerates a benchmark database and its
// variants from sourced control totals (docs/cli.md, docs/data.md).
#pragma once

#include <string>
#include <vector>

namespace peninsula::app {

int BuildDataCommand(const std::vector<std::string>& args);

}  // namespace peninsula::app
