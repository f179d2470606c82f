// peninsula report RESULTS.h5 --out DIR: a self-contained HTML report with inline SVG charts,
// CSV tables and an xlsx workbook, built from the results file alone (docs/cli.md §8).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "app/analysis/report_build.hpp"

namespace peninsula::app {

int ReportCommand(const std::vector<std::string>& args);

// Writes report.html, report.xlsx and csv/<table>.csv into `out`, atomically: everything is
// written to a temporary sibling directory which is then renamed. An existing `out` is
// replaced only with `overwrite`. Throws io::StoreError.
void WriteReport(const std::filesystem::path& results, const std::filesystem::path& out,
                 bool overwrite, const analysis::ReportOptions& options);

}  // namespace peninsula::app
