// Checkpoint journal: POSIX file descriptors for single-write appends and fsync.
#include "app/batch/checkpoint.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "app/batch/batch_file.hpp"
#include "io/hdf5_store.hpp"

namespace peninsula::app::batch {
namespace {

constexpr const char* kMagic = "peninsula-batch-checkpoint 1";

[[noreturn]] void Fail(const std::filesystem::path& path, const std::string& what) {
  throw io::StoreError(path, "", what + ": " + std::strerror(errno));
}

}  // namespace

std::filesystem::path CheckpointPath(const std::filesystem::path& output) {
  return output.string() + ".checkpoint";
}

CheckpointContents ReadCheckpoint(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw BatchError(path.string() + ": cannot open checkpoint");
  std::ostringstream s;
  s << in.rdbuf();
  std::string text = s.str();
  CheckpointContents c;
  std::size_t eol = text.find('\n');
  std::istringstream header(text.substr(0, eol == std::string::npos ? 0 : eol));
  std::string magic1, magic2;
  header >> magic1 >> magic2 >> c.fingerprint >> c.draws;
  if (eol == std::string::npos || magic1 + " " + magic2 != kMagic || c.fingerprint.empty()) {
    throw BatchError(path.string() + ": not a batch checkpoint (bad header)");
  }
  std::size_t start = eol + 1;
  c.valid_bytes = static_cast<long long>(start);
  while (true) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) break;  // a cut last line
    auto r = Decode(text.substr(start, end - start));
    if (!r) break;  // garbled: keep what precedes it
    c.results.emplace(r->index, std::move(*r));
    start = end + 1;
    c.valid_bytes = static_cast<long long>(start);
  }
  return c;
}

CheckpointWriter::CheckpointWriter(std::filesystem::path path, int fd)
    : path_(std::move(path)),
      fd_(fd),
      last_sync_(std::chrono::steady_clock::now()),
      last_append_(last_sync_) {}

CheckpointWriter::CheckpointWriter(CheckpointWriter&& other) noexcept
    : path_(std::move(other.path_)),
      fd_(other.fd_),
      last_sync_(other.last_sync_),
      last_append_(other.last_append_) {
  other.fd_ = -1;
}

CheckpointWriter::~CheckpointWriter() {
  if (fd_ < 0) return;
  ::fsync(fd_);
  ::close(fd_);
}

CheckpointWriter CheckpointWriter::Create(const std::filesystem::path& path,
                                          const std::string& fingerprint, long long draws) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) Fail(path, "cannot create checkpoint");
  CheckpointWriter w(path, fd);
  w.WriteAll(std::string(kMagic) + " " + fingerprint + " " + std::to_string(draws) + "\n");
  w.Sync();
  return w;
}

CheckpointWriter CheckpointWriter::Reopen(const std::filesystem::path& path,
                                          long long valid_bytes) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) Fail(path, "cannot open checkpoint");
  CheckpointWriter w(path, fd);
  if (::ftruncate(fd, valid_bytes) != 0 || ::lseek(fd, 0, SEEK_END) < 0) {
    Fail(path, "cannot cut checkpoint to its complete lines");
  }
  return w;
}

void CheckpointWriter::WriteAll(const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd_, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) Fail(path_, "cannot write checkpoint");
    done += static_cast<std::size_t>(n);
  }
}

void CheckpointWriter::Append(const DrawResult& result) {
  WriteAll(Encode(result) + "\n");
  // Slow draws: sync each (a few per second at most); fast ones: once a second.
  auto now = std::chrono::steady_clock::now();
  bool slow = now - last_append_ > std::chrono::milliseconds(200);
  last_append_ = now;
  if (slow || now - last_sync_ > std::chrono::seconds(1)) Sync();
}

void CheckpointWriter::Sync() {
  if (::fsync(fd_) != 0) Fail(path_, "cannot sync checkpoint");
  last_sync_ = std::chrono::steady_clock::now();
}

}  // namespace peninsula::app::batch
