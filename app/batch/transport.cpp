// The single-process transport and the detection of an MPI launch.
#include "app/batch/transport.hpp"

#include <cstdlib>

namespace peninsula::app::batch {

void SingleProcessTransport::Abort(int exit_code) { std::_Exit(exit_code); }

bool LaunchedByMpi() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "PMI_RANK"}) {
    if (std::getenv(name)) return true;
  }
  return false;
}

}  // namespace peninsula::app::batch
