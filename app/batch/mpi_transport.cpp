// The MPI transport: point-to-point messages of chars on MPI_COMM_WORLD. The only file of
// the project that includes mpi.h.
// The C API only: OpenMPI would otherwise pull in its deprecated C++ bindings.
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>

#include <cstdlib>
#include <vector>

#include "app/batch/transport.hpp"

namespace peninsula::app::batch {
namespace {

class MpiTransport final : public Transport {
 public:
  MpiTransport() {
    int initialized = 0;
    MPI_Initialized(&initialized);
    // Funneled: rank 0 solves on a second thread, but only its main thread calls MPI.
    int provided = 0;
    if (!initialized) MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
  }
  ~MpiTransport() override {
    int finalized = 0;
    MPI_Finalized(&finalized);
    if (!finalized) MPI_Finalize();
  }

  int rank() const override { return rank_; }
  int size() const override { return size_; }

  void Send(int destination, int tag, const std::string& payload) override {
    MPI_Send(payload.data(), static_cast<int>(payload.size()), MPI_CHAR, destination, tag,
             MPI_COMM_WORLD);
  }

  Message Receive() override {
    MPI_Status status;
    MPI_Probe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &status);
    return Take(status);
  }

  std::optional<Message> Poll() override {
    int flag = 0;
    MPI_Status status;
    MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &status);
    if (!flag) return std::nullopt;
    return Take(status);
  }

  bool AllAgree(bool ok) override {
    int mine = ok ? 1 : 0, all = 0;
    MPI_Allreduce(&mine, &all, 1, MPI_INT, MPI_LAND, MPI_COMM_WORLD);
    return all != 0;
  }

  [[noreturn]] void Abort(int exit_code) override {
    MPI_Abort(MPI_COMM_WORLD, exit_code);
    std::_Exit(exit_code);
  }

 private:
  Message Take(MPI_Status& status) {
    int count = 0;
    MPI_Get_count(&status, MPI_CHAR, &count);
    std::vector<char> buffer(static_cast<std::size_t>(count));
    MPI_Recv(buffer.data(), count, MPI_CHAR, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD,
             MPI_STATUS_IGNORE);
    return {status.MPI_SOURCE, status.MPI_TAG, std::string(buffer.begin(), buffer.end())};
  }

  int rank_ = 0;
  int size_ = 1;
};

}  // namespace

std::unique_ptr<Transport> MakeMpiTransport() { return std::make_unique<MpiTransport>(); }

}  // namespace peninsula::app::batch
