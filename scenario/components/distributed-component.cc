#include "distributed-component.h"

#include "ns3/connection-recorder.h"
#include "ns3/flag-set.h"
#include "ns3/rank-records-merge.h"
#include "ns3/request-recorder.h"
#include "ns3/run-results.h"
#include "ns3/scenario-context.h"
#include "ns3/sim-options.h"
#include "ns3/topology-builder.h"

#include "ns3/config.h"
#include "ns3/uinteger.h"

#include <climits>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <unistd.h>
#include <vector>

namespace ns3
{

void
DistributedComponent::SetCommandLine(int argc, char* argv[])
{
    m_argc = argc;
    m_argv = argv;
}

void
DistributedComponent::AddFlags(FlagSet& flags)
{
    flags.Add("ranks",
              "MPI processes to spread the run over (clients' subtrees on ranks 1..N-1, core and "
              "servers on rank 0; needs ns-3's mpi module: scripts/setup-ns3 --mpi); the program "
              "starts itself under mpirun, or takes the size of the mpirun that started it",
              ranksText);
    flags.Add("mpi-sync",
              "synchronisation of the ranks: granted (ns-3's DistributedSimulatorImpl, granted time "
              "windows) or null (NullMessageSimulatorImpl, null messages)",
              syncText);
}

std::string
DistributedComponent::Validate(const SimOptions& /* options */)
{
    char* end = nullptr;
    unsigned long value = std::strtoul(ranksText.c_str(), &end, 10);
    if (ranksText.empty() || *end != '\0' || ranksText[0] == '-' || value < 1 || value > MAX_RANKS)
    {
        return "--ranks: '" + ranksText + "' is not a number of processes from 1 to " +
               std::to_string(MAX_RANKS);
    }
    ranks = static_cast<uint32_t>(value);
    m_ranksGiven = ranksText != "1";
    if (syncText == "granted" || syncText == "null")
    {
        sync = syncText == "null" ? MpiRanks::NULL_MESSAGE : MpiRanks::GRANTED_TIME_WINDOW;
    }
    else
    {
        return "--mpi-sync: '" + syncText + "' is not granted or null";
    }
    if (ranks > 1 && !MpiRanks::Available())
    {
        return "--ranks: this handshake-sim was built against an ns-3 without its mpi module (build "
               "one with scripts/setup-ns3 --mpi DIR, then HANDSHAKE_NS3=DIR scripts/demo)";
    }
    return "";
}

void
DistributedComponent::AddReportParameters(Parameters& parameters) const
{
    if (Distributed())
    {
        parameters.emplace_back("ranks", std::to_string(ranks));
        parameters.emplace_back("mpi-sync", syncText);
    }
}

std::string
DistributedComponent::Prepare(const SimOptions& options)
{
    const uint32_t launched = MpiRanks::LaunchedSize();
    if (options.check || (launched <= 1 && ranks == 1))
    {
        return ""; // one process: nothing of MPI is touched
    }
    if (!MpiRanks::Available())
    {
        return "--ranks: started by mpirun with " + std::to_string(launched) +
               " processes, but this handshake-sim was built without MPI";
    }
    if (launched == 0)
    {
        return StartUnderMpirun();
    }
    if (m_ranksGiven && launched != ranks)
    {
        return "--ranks: " + std::to_string(ranks) + ", but mpirun started " + std::to_string(launched) +
               " processes";
    }
    ranks = launched;
    MpiRanks::Enable(&m_argc, &m_argv, sync);
    Config::SetDefault("ns3::TopologyBuilder::Ranks", UintegerValue(ranks));
    return "";
}

std::string
DistributedComponent::StartUnderMpirun() const
{
    char self[PATH_MAX];
    ssize_t length = readlink("/proc/self/exe", self, sizeof(self) - 1);
    if (length <= 0)
    {
        return "--ranks: cannot find this program's own path to start it under mpirun";
    }
    self[length] = '\0';
    std::vector<std::string> words{"mpirun"};
    if (geteuid() == 0)
    {
        words.emplace_back("--allow-run-as-root"); // OpenMPI refuses root without it
    }
    // More ranks than cores is allowed (slower, still correct): a test runs 4 ranks on 2 cores.
    for (const char* word : {"--oversubscribe", "-np"})
    {
        words.emplace_back(word);
    }
    words.push_back(std::to_string(ranks));
    words.emplace_back(self);
    for (int i = 1; i < m_argc; ++i)
    {
        words.emplace_back(m_argv[i]);
    }
    std::vector<char*> args;
    for (std::string& word : words)
    {
        args.push_back(word.data());
    }
    args.push_back(nullptr);
    // Started here, the ranks share this machine with whatever else runs on it: a rank that waits
    // yields its core instead of polling (10,000 clients on 2 busy cores: 27 s instead of 40 s, user
    // CPU per rank 6.3 s instead of 17.7 s; doc/mpi.rst). A cluster's mpirun keeps OpenMPI's default.
    setenv("OMPI_MCA_mpi_yield_when_idle", "1", 0);
    std::cout.flush();
    std::cerr.flush();
    execvp("mpirun", args.data());
    return "--ranks: cannot start mpirun (Debian's openmpi-bin; scripts/setup-ns3 --mpi installs it)";
}

std::string
DistributedComponent::CheckTopology(const TopologyBuilder& topology)
{
    m_lookahead = topology.GetLookahead();
    m_crossRankLinks = topology.GetCrossRankLinks();
    if (Distributed() && m_crossRankLinks > 0 && !m_lookahead.IsStrictlyPositive())
    {
        // Conservative synchronisation advances by the lookahead: zero would never advance.
        return "--ranks: a link between ranks has no delay (lookahead 0); give the links between "
               "ranks a delay above 0 (--delay for a dumbbell)";
    }
    if (Distributed() && MpiRanks::Rank() == 0)
    {
        std::cerr << "handshake-sim: " << ranks << " ranks (" << syncText << "), lookahead "
                  << m_lookahead.As(Time::US) << " (" << m_crossRankLinks
                  << (m_crossRankLinks == 1 ? " link" : " links") << " between ranks)"
                  << std::endl;
    }
    return "";
}

void
DistributedComponent::Install(ScenarioContext& context)
{
    m_context = &context;
}

std::string
DistributedComponent::GatherRanks()
{
    RunResults& r = m_context->results;
    // This rank's rows go into the bytes sent (rank 0's come back merged, every rank's).
    RankRecords own;
    own.connections = m_context->connections.RankConnections();
    own.transactions = std::move(r.transactions);
    own.transactionTimes = m_context->requests.RecordTimes();
    own.segments = std::move(r.segments);
    own.states = std::move(r.states);
    own.drops = std::move(r.drops);
    own.dropClients = std::move(r.dropClients);
    own.timeWaitAtEnd = r.timeWaitAtEnd;
    std::vector<std::string> byRank;
    std::string gatherError;
    if (!MpiRanks::GatherToRoot(own.Encode(), &byRank, &gatherError))
    {
        return "--ranks: " + gatherError; // on every rank: none writes records
    }
    if (MpiRanks::Rank() != 0)
    {
        return "";
    }
    std::vector<RankRecords> ranks(byRank.size());
    for (size_t rank = 0; rank < byRank.size(); ++rank)
    {
        std::string error;
        if (!RankRecords::Decode(byRank[rank], &ranks[rank], &error))
        {
            return "rank " + std::to_string(rank) + ": " + error;
        }
    }
    RankRecords merged = RankRecordsMerge::Merge(ranks);
    r.connections.clear();
    for (RankConnection& c : merged.connections)
    {
        r.connections.push_back(std::move(c.record));
    }
    r.transactions = std::move(merged.transactions);
    r.segments = std::move(merged.segments);
    r.states = std::move(merged.states);
    r.drops = std::move(merged.drops);
    r.dropClients = std::move(merged.dropClients);
    r.timeWaitAtEnd = merged.timeWaitAtEnd;
    return "";
}

void
DistributedComponent::AddSettings(std::vector<SettingRecord>& settings) const
{
    if (Distributed())
    {
        std::ostringstream lookahead;
        lookahead << m_lookahead.GetNanoSeconds() << "ns";
        settings.push_back({"mpi-lookahead", lookahead.str(), "topology: smallest delay of a link between ranks"});
        settings.push_back({"mpi-links-between-ranks", std::to_string(m_crossRankLinks), "topology"});
    }
}

bool
DistributedComponent::Distributed() const
{
    return ranks > 1;
}

Time
DistributedComponent::Lookahead() const
{
    return m_lookahead;
}

} // namespace ns3
