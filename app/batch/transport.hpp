// Message passing between the processes of a batch, behind an interface so the scheduler is
// testable without MPI: SingleProcessTransport for a run without mpirun, an MPI transport
// (mpi_transport.cpp, the only file that includes mpi.h) under mpirun or srun, and
// in-process fakes in the tests.
#pragma once

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

namespace peninsula::app::batch {

enum Tag : int { kTagWork = 1, kTagResult = 2, kTagStop = 3 };

struct Message {
  int source = 0;
  int tag = 0;
  std::string payload;
};

class Transport {
 public:
  virtual ~Transport() = default;
  virtual int rank() const = 0;
  virtual int size() const = 0;
  virtual void Send(int destination, int tag, const std::string& payload) = 0;
  virtual Message Receive() = 0;              // blocks; from any source
  virtual std::optional<Message> Poll() = 0;  // does not block
  // Collective: true on every rank iff `ok` is true on every rank.
  virtual bool AllAgree(bool ok) = 0;
  // Ends every process of the run (after an error on the master mid-run).
  [[noreturn]] virtual void Abort(int exit_code) = 0;
};

class SingleProcessTransport final : public Transport {
 public:
  int rank() const override { return 0; }
  int size() const override { return 1; }
  void Send(int, int, const std::string&) override {
    throw std::logic_error("a single process has no one to send to");
  }
  Message Receive() override { throw std::logic_error("a single process receives nothing"); }
  std::optional<Message> Poll() override { return std::nullopt; }
  bool AllAgree(bool ok) override { return ok; }
  [[noreturn]] void Abort(int exit_code) override;
};

// True when this process was started by mpirun/mpiexec or srun (OpenMPI, PMI or PMIx
// environment variables): then the MPI transport is used, otherwise a single process.
bool LaunchedByMpi();

// Initialises MPI (finalised by the destructor). Defined in mpi_transport.cpp.
std::unique_ptr<Transport> MakeMpiTransport();

}  // namespace peninsula::app::batch
