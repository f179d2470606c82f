// Test helpers.
#include "support/test_support.hpp"

#include <fstream>

#include <gtest/gtest.h>

#include <sys/wait.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <stdexcept>
#include <unistd.h>

namespace peninsula::testing {

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  path_ = std::filesystem::temp_directory_path() /
          ("peninsula_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
  std::filesystem::remove_all(path_);
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::filesystem::path SourcePath(const std::string& relative) {
  return std::filesystem::path(PENINSULA_SOURCE_DIR) / relative;
}

app::LoadedData LoadSynthetic(const std::filesystem::path& dir,
                              const calibration::SyntheticSpec& spec,
                              const std::vector<model::Scenario>& scenarios) {
  calibration::WriteSyntheticDatabase(dir, spec);
  return app::LoadData(dir, scenarios);
}

std::string LoadErrorWithRow(const std::filesystem::path& dir, const std::string& file,
                             const std::string& header, const std::string& row) {
  std::ofstream(dir / file) << header << "\n" << row << "\n";
  try {
    app::LoadData(dir);
  } catch (const std::exception& e) {
    return e.what();
  }
  return "no error";
}

CommandResult RunShellCommand(const std::string& command) {
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  std::string out;
  std::array<char, 4096> buf;
  while (std::size_t n = std::fread(buf.data(), 1, buf.size(), pipe)) out.append(buf.data(), n);
  int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

std::string ShellQuote(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

model::ShockSpec Shock(const std::string& target, std::vector<std::string> index,
                       model::ShockMode mode, double value) {
  model::ShockSpec s;
  s.target = target;
  s.index = std::move(index);
  s.mode = mode;
  s.value = value;
  s.origin = "test";
  return s;
}

model::Scenario MakeScenario(const std::string& name, std::vector<model::ShockSpec> shocks,
                             model::ClosureSpec closure) {
  model::Scenario s;
  s.name = name;
  s.origin = "test:" + name;
  s.shocks = std::move(shocks);
  s.closure = std::move(closure);
  return s;
}

double Value(const model::Model& model, const std::vector<double>& x, const std::string& label) {
  auto found = model.registry().Match(label);
  if (found.size() != 1) {
    ADD_FAILURE() << label << " matches " << found.size() << " variables";
    return NAN;
  }
  return x[found[0]];
}

void WriteClosedEconomy(const std::filesystem::path& dir) {
  std::ofstream(dir / "regions.csv") << "region,description\nA,closed economy\n";
  std::ofstream(dir / "accounts.csv")
      << "account,kind,label,description\n"
         "a1,activity,G1,\na2,activity,G2,\nc1,commodity,G1,\nc2,commodity,G2,\n"
         "L,factor,L,\nK,factor,K,\nHH,household,HH,\n";
  std::ofstream(dir / "factors.csv") << "factor,mobility\nL,mobile\nK,mobile\n";
  std::ofstream(dir / "sam.csv") << "region,row,column,value\n"
                                    "A,L,a1,30\nA,K,a1,10\nA,L,a2,15\nA,K,a2,45\n"
                                    "A,a1,c1,40\nA,a2,c2,60\nA,c1,HH,40\nA,c2,HH,60\n"
                                    "A,HH,L,45\nA,HH,K,55\n";
  std::ofstream(dir / "elasticities.csv")
      << "region,sector,parameter,value,source\n"
         "*,*,sigma_va,1,test\n*,*,sigma_d,2,test\n*,*,omega,inf,test\n";
}

}  // namespace peninsula::testing
