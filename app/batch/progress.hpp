// Progress of a batch on the terminal and in its log file (OUTPUT.log): draws done, failed
// draws, rate and time left. Terminal lines at most every `interval` (rewritten in place on
// a terminal), the log gets the same lines with a UTC time stamp.
#pragma once

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

namespace peninsula::app::batch {

class Progress {
 public:
  Progress(long long total, long long already_done, const std::filesystem::path& log_path,
           double interval_seconds = 2.0);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void Record(bool failed);
  void Finish();
  void Log(const std::string& line);  // to the terminal and the log

 private:
  std::string Line() const;

  long long total_, done_, done_here_ = 0, failed_ = 0;
  std::chrono::steady_clock::time_point start_, last_;
  double interval_;
  std::FILE* log_ = nullptr;
  bool tty_;
};

}  // namespace peninsula::app::batch
