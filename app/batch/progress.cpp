// Progress lines.
#include "app/batch/progress.hpp"

#include <unistd.h>

#include <ctime>

namespace peninsula::app::batch {
namespace {

std::string Clock(double seconds) {
  long long s = static_cast<long long>(seconds + 0.5);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
  return buf;
}

std::string UtcStamp() {
  std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

}  // namespace

Progress::Progress(long long total, long long already_done, const std::filesystem::path& log_path,
                   double interval_seconds)
    : total_(total),
      done_(already_done),
      start_(std::chrono::steady_clock::now()),
      last_(start_),
      interval_(interval_seconds),
      tty_(::isatty(STDOUT_FILENO) != 0) {
  log_ = std::fopen(log_path.c_str(), "a");  // a log that cannot be opened is not fatal
}

Progress::~Progress() {
  if (log_) std::fclose(log_);
}

std::string Progress::Line() const {
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  double rate = elapsed > 0 ? static_cast<double>(done_here_) / elapsed : 0.0;
  char buf[200];
  std::snprintf(buf, sizeof buf, "draws %lld/%lld (%.0f%%), %lld failed, %.2f draws/s, %s left",
                done_, total_, total_ ? 100.0 * static_cast<double>(done_) / total_ : 100.0,
                failed_, rate,
                rate > 0 ? Clock(static_cast<double>(total_ - done_) / rate).c_str() : "?");
  return buf;
}

void Progress::Log(const std::string& line) {
  std::printf("%s%s\n", tty_ ? "\r\033[K" : "", line.c_str());
  std::fflush(stdout);
  if (log_) {
    std::fprintf(log_, "%s %s\n", UtcStamp().c_str(), line.c_str());
    std::fflush(log_);
  }
}

void Progress::Record(bool failed) {
  ++done_, ++done_here_;
  failed_ += failed;
  auto now = std::chrono::steady_clock::now();
  if (std::chrono::duration<double>(now - last_).count() < interval_) return;
  last_ = now;
  if (tty_) {
    std::printf("\r\033[K%s", Line().c_str());
    std::fflush(stdout);
    if (log_) std::fprintf(log_, "%s %s\n", UtcStamp().c_str(), Line().c_str()), std::fflush(log_);
  } else {
    Log(Line());
  }
}

void Progress::Finish() { Log(Line()); }

}  // namespace peninsula::app::batch
