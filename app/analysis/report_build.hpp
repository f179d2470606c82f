// Builds the report Document from a results file alone: every number comes from the file's
// /sets, scenario attributes and /scenarios/<name>/analysis groups (docs/analysis.md). A
// converged scenario without its analysis group is an error naming the file and the group.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "app/analysis/report_model.hpp"

namespace peninsula::app::analysis {

struct ReportOptions {
  // Empty: the regions the analysis was written for (attributes of the analysis group).
  std::string home, partner;
  std::vector<std::string> comparators;
  bool comparators_given = false;
};

// Throws io::StoreError (file, object path, what is missing) for an unreadable file.
Document BuildReport(const std::filesystem::path& results, const ReportOptions& options);

}  // namespace peninsula::app::analysis
