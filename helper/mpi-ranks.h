/*
 * The MPI side of one simulation spread over processes (doc/mpi.rst), in one place: whether this
 * build has it (an ns-3 with its mpi module: HANDSHAKE_MPI), whether the process was started by
 * mpirun, ns-3's MpiInterface with the synchronisation chosen (DistributedSimulatorImpl, the
 * granted-time-window algorithm, or NullMessageSimulatorImpl), this rank and the ranks' count, the
 * few collectives a run needs between its time windows, and the nodes this rank runs.
 *
 * Without MPI every call answers as for one process: rank 0 of 1, every node local.
 */
#ifndef HANDSHAKE_MPI_RANKS_H
#define HANDSHAKE_MPI_RANKS_H

#include "ns3/node.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

class MpiRanks
{
  public:
    enum Sync
    {
        GRANTED_TIME_WINDOW, //!< ns3::DistributedSimulatorImpl
        NULL_MESSAGE,        //!< ns3::NullMessageSimulatorImpl
    };

    /** True when compiled against an ns-3 with its mpi module. */
    static bool Available();
    /** The size of the MPI job this process was started in by mpirun (OpenMPI's or a PMI
     *  launcher's environment), 0 when it was not. */
    static uint32_t LaunchedSize();
    /** The simulator implementation's TypeId name for \p sync. */
    static std::string SimulatorType(Sync sync);

    /** MPI_Init through ns-3's MpiInterface with \p sync's simulator; before any node or event
     *  exists. Aborts when the simulator was already made (its type could not change). */
    static void Enable(int* argc, char*** argv, Sync sync);
    static bool Enabled();
    /** This process's rank (ns-3's system id); 0 without MPI. */
    static uint32_t Rank();
    /** The ranks in the run; 1 without MPI. */
    static uint32_t Size();
    /** True when \p node runs on this rank. */
    static bool IsLocal(Ptr<Node> node);

    /** The sum over all ranks (between Simulator::Run calls only: a collective). */
    static uint64_t Sum(uint64_t value);
    /** The largest value over all ranks (likewise). */
    static int64_t Max(int64_t value);
    static void Barrier();
    /**
     * Every rank's \p bytes, by rank, into rank 0's \p byRank (a collective, between
     * Simulator::Run calls); the other ranks get an empty vector. Without MPI: { bytes }. False on
     * every rank, with \p error, when all ranks' bytes together exceed what one gather carries
     * (INT_MAX: MPI's counts are int).
     */
    static bool GatherToRoot(const std::string& bytes, std::vector<std::string>* byRank, std::string* error);

    /**
     * Keeps every application of a node of another rank from starting: every rank installs the same
     * objects (so that node ids and automatic random streams are those of a run on one process), but
     * only the rank of a node runs it.
     */
    static void SilenceRemoteNodes();

    /** MPI_Finalize (MpiInterface::Disable), after Simulator::Destroy. */
    static void Disable();
};

} // namespace ns3

#endif // HANDSHAKE_MPI_RANKS_H
