// The result of one draw, as workers send it to the master and as the checkpoint journal
// stores it: one line of text with doubles in hexadecimal (%a), so a resumed or MPI run
// reproduces a single run's numbers bit for bit.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace peninsula::app::batch {

struct ScenarioResult {
  std::string status;   // solver::StatusName(), or "draw_failed" when the draw itself failed
  std::string message;  // why it failed ("" when converged)
  long long iterations = 0;
  double seconds = 0;
  double max_residual = 0;
  std::vector<double> outcomes;  // NaN unless converged
};

struct DrawResult {
  long long index = -1;
  std::string error;  // non-empty: the draw failed before solving (e.g. calibration)
  std::vector<ScenarioResult> scenarios;
};

// One line without '\n'.
std::string Encode(const DrawResult& result);
// nullopt for a malformed or truncated line (a journal cut short by a kill).
std::optional<DrawResult> Decode(const std::string& line);

}  // namespace peninsula::app::batch
