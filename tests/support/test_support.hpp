// Helpers shared by the tests: temporary synthetic databases, scenarios built in code, and
// variable lookup by label.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "app/runner.hpp"
#include "calibration/synthetic.hpp"
#include "model/scenario.hpp"

namespace peninsula::testing {

// A fresh directory under the system temp dir, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// The repository's data directory (for data/stdcge and the illustrative database).
std::filesystem::path SourcePath(const std::string& relative);

// Writes a synthetic database into `dir` and loads it, with the instruments `scenarios` use.
app::LoadedData LoadSynthetic(const std::filesystem::path& dir,
                              const calibration::SyntheticSpec& spec,
                              const std::vector<model::Scenario>& scenarios = {});

// Rewrites `file` in database `dir` as `header` plus one data row and loads the database;
// the message of the error that raises, or "no error".
std::string LoadErrorWithRow(const std::filesystem::path& dir, const std::string& file,
                             const std::string& header, const std::string& row);

// A closed two-good Cobb-Douglas economy (region A, goods G1 and G2, factors L and K, one
// household): every closed form the tests compare with is computed on it.
void WriteClosedEconomy(const std::filesystem::path& dir);

// A shell command's exit code and its stdout and stderr together.
struct CommandResult {
  int code;
  std::string output;
};
CommandResult RunShellCommand(const std::string& command);
// A path quoted for the shell.
std::string ShellQuote(const std::filesystem::path& p);

model::ShockSpec Shock(const std::string& target, std::vector<std::string> index,
                       model::ShockMode mode, double value);
model::Scenario MakeScenario(const std::string& name, std::vector<model::ShockSpec> shocks,
                             model::ClosureSpec closure = {});

// Level of one variable, addressed like "PX(R1,S2)"; fails the test if it does not exist.
double Value(const model::Model& model, const std::vector<double>& x, const std::string& label);

}  // namespace peninsula::testing
