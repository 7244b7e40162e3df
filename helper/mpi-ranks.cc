#include "mpi-ranks.h"

#include "ns3/abort.h"
#include "ns3/application.h"
#include "ns3/global-value.h"
#include "ns3/log.h"
#include "ns3/node-list.h"
#include "ns3/simulator-impl.h"
#include "ns3/simulator.h"
#include "ns3/string.h"

#include <limits>

#ifdef HANDSHAKE_MPI
#include "ns3/mpi-interface.h"

#include <mpi.h>
#endif

#include <cstdlib>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MpiRanks");

namespace
{

#ifdef HANDSHAKE_MPI
/** Our own communicator (a duplicate of ns-3's), so that a run's collectives never mix with the
 *  messages of ns-3's synchronisation. */
MPI_Comm g_comm = MPI_COMM_NULL;
#endif

/** An application of another rank's node starts after any run's end, and never stops. */
const Time NEVER = Seconds(1e6);

} // namespace

bool
MpiRanks::Available()
{
#ifdef HANDSHAKE_MPI
    return true;
#else
    return false;
#endif
}

uint32_t
MpiRanks::LaunchedSize()
{
    for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_SIZE"})
    {
        if (const char* value = std::getenv(name))
        {
            return static_cast<uint32_t>(std::strtoul(value, nullptr, 10));
        }
    }
    return 0;
}

std::string
MpiRanks::SimulatorType(Sync sync)
{
    return sync == NULL_MESSAGE ? "ns3::NullMessageSimulatorImpl" : "ns3::DistributedSimulatorImpl";
}

void
MpiRanks::Enable(int* argc, char*** argv, Sync sync)
{
#ifdef HANDSHAKE_MPI
    GlobalValue::Bind("SimulatorImplementationType", StringValue(SimulatorType(sync)));
    MpiInterface::Enable(argc, argv);
    MPI_Comm_dup(MpiInterface::GetCommunicator(), &g_comm);
    const std::string made = Simulator::GetImplementation()->GetInstanceTypeId().GetName();
    NS_ABORT_MSG_UNLESS(made == SimulatorType(sync),
                        "MpiRanks::Enable: the simulator was made before MPI (" << made << ")");
#else
    (void)argc;
    (void)argv;
    (void)sync;
    NS_ABORT_MSG("MpiRanks::Enable: built without MPI");
#endif
}

bool
MpiRanks::Enabled()
{
#ifdef HANDSHAKE_MPI
    return MpiInterface::IsEnabled();
#else
    return false;
#endif
}

uint32_t
MpiRanks::Rank()
{
#ifdef HANDSHAKE_MPI
    return MpiInterface::IsEnabled() ? MpiInterface::GetSystemId() : 0;
#else
    return 0;
#endif
}

uint32_t
MpiRanks::Size()
{
#ifdef HANDSHAKE_MPI
    return MpiInterface::IsEnabled() ? MpiInterface::GetSize() : 1;
#else
    return 1;
#endif
}

bool
MpiRanks::IsLocal(Ptr<Node> node)
{
    return !Enabled() || node->GetSystemId() == Rank();
}

uint64_t
MpiRanks::Sum(uint64_t value)
{
#ifdef HANDSHAKE_MPI
    if (Enabled())
    {
        unsigned long long in = value;
        unsigned long long out = 0;
        MPI_Allreduce(&in, &out, 1, MPI_UNSIGNED_LONG_LONG, MPI_SUM, g_comm);
        return out;
    }
#endif
    return value;
}

int64_t
MpiRanks::Max(int64_t value)
{
#ifdef HANDSHAKE_MPI
    if (Enabled())
    {
        long long in = value;
        long long out = 0;
        MPI_Allreduce(&in, &out, 1, MPI_LONG_LONG, MPI_MAX, g_comm);
        return out;
    }
#endif
    return value;
}

bool
MpiRanks::GatherToRoot(const std::string& bytes,
                       std::vector<std::string>* byRank,
                       [[maybe_unused]] std::string* error)
{
    byRank->clear();
#ifdef HANDSHAKE_MPI
    if (Enabled())
    {
        // Every rank learns the total first, so that all of them stop, or none.
        const uint64_t total = Sum(bytes.size());
        if (total > uint64_t(std::numeric_limits<int>::max()))
        {
            *error = "the ranks' records (" + std::to_string(total) +
                     " bytes) exceed what one MPI gather carries (2 GiB): doc/mpi.rst, \"Not done yet\"";
            return false;
        }
        int size = 0;
        int rank = 0;
        MPI_Comm_size(g_comm, &size);
        MPI_Comm_rank(g_comm, &rank);
        int length = int(bytes.size());
        std::vector<int> lengths(rank == 0 ? size : 0);
        MPI_Gather(&length, 1, MPI_INT, lengths.data(), 1, MPI_INT, 0, g_comm);
        std::vector<int> offsets(lengths.size());
        int gathered = 0;
        for (size_t r = 0; r < lengths.size(); ++r)
        {
            offsets[r] = gathered;
            gathered += lengths[r]; // at most total, checked above
        }
        std::string all(size_t(gathered), '\0');
        MPI_Gatherv(bytes.data(), length, MPI_CHAR, all.data(), lengths.data(), offsets.data(), MPI_CHAR, 0,
                    g_comm);
        for (size_t r = 0; r < lengths.size(); ++r)
        {
            byRank->push_back(all.substr(size_t(offsets[r]), size_t(lengths[r])));
        }
        return true;
    }
#endif
    byRank->push_back(bytes);
    return true;
}

void
MpiRanks::Barrier()
{
#ifdef HANDSHAKE_MPI
    if (Enabled())
    {
        MPI_Barrier(g_comm);
    }
#endif
}

void
MpiRanks::SilenceRemoteNodes()
{
    if (!Enabled())
    {
        return;
    }
    for (auto node = NodeList::Begin(); node != NodeList::End(); ++node)
    {
        if (IsLocal(*node))
        {
            continue;
        }
        for (uint32_t i = 0; i < (*node)->GetNApplications(); ++i)
        {
            Ptr<Application> app = (*node)->GetApplication(i);
            app->SetStartTime(NEVER);
            app->SetStopTime(Seconds(0)); // zero: no stop event at all
        }
    }
}

void
MpiRanks::Disable()
{
#ifdef HANDSHAKE_MPI
    if (Enabled())
    {
        MPI_Comm_free(&g_comm);
        MpiInterface::Disable();
    }
#endif
}

} // namespace ns3
