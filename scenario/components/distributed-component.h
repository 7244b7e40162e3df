/*
 * One run spread over MPI processes on ns-3's distributed simulator (doc/mpi.rst): --ranks and
 * --mpi-sync. With --ranks=N (N > 1) handshake-sim starts itself again under mpirun with N
 * processes, or, started by mpirun, takes the job's size; each process enables ns-3's MpiInterface
 * with the synchronisation chosen (granted: DistributedSimulatorImpl, null: NullMessageSimulatorImpl)
 * before the topology is built, and the topology spreads its nodes over the ranks
 * (TopologyBuilder's Ranks, TopologyPartition). The lookahead, the smallest delay of a link between
 * ranks, is printed and is a row of the `settings` table.
 *
 * A build without MPI (Debian's ns-3 has no mpi module) refuses --ranks above 1 with one line.
 * Placed first among the components: MPI must be on before any node exists.
 */
#ifndef HANDSHAKE_DISTRIBUTED_COMPONENT_H
#define HANDSHAKE_DISTRIBUTED_COMPONENT_H

#include "ns3/mpi-ranks.h"
#include "ns3/scenario-component.h"

#include "ns3/nstime.h"

#include <cstdint>
#include <string>

namespace ns3
{

class TopologyBuilder;

class DistributedComponent : public ScenarioComponent
{
  public:
    /** Largest --ranks accepted. */
    static constexpr uint32_t MAX_RANKS = 4096;

    std::string ranksText{"1"};
    std::string syncText{"granted"};

    // After Validate (ranks: after Prepare when mpirun started the process without --ranks).
    uint32_t ranks{1};
    MpiRanks::Sync sync{MpiRanks::GRANTED_TIME_WINDOW};

    /** The program's arguments, to start it again under mpirun; before Prepare. */
    void SetCommandLine(int argc, char* argv[]);

    void AddFlags(FlagSet& flags) override;
    std::string Validate(const SimOptions& options) override;
    void AddReportParameters(Parameters& parameters) const override;
    /** Starts the program under mpirun (no return) or enables MPI; sets the topology's ranks. */
    std::string Prepare(const SimOptions& options) override;
    /** After the topology is built: its lookahead, which must be above zero across ranks. */
    std::string CheckTopology(const TopologyBuilder& topology);
    void AddSettings(std::vector<SettingRecord>& settings) const override;
    void Install(ScenarioContext& context) override;
    /** Every rank's records (RankRecords) to rank 0, which merges them (RankRecordsMerge) into the
     *  run's results: rank 0's results.sqlite, summary and report are then the whole run's. */
    std::string GatherRanks() override;

    /** True when the run is spread over more than one process. */
    bool Distributed() const;
    Time Lookahead() const;

  private:
    /** execvp of mpirun with this program and its arguments; returns only on failure. */
    std::string StartUnderMpirun() const;

    int m_argc{0};
    char** m_argv{nullptr};
    bool m_ranksGiven{false};
    Time m_lookahead;
    uint32_t m_crossRankLinks{0};
    ScenarioContext* m_context{nullptr}; //!< from Install
};

} // namespace ns3

#endif // HANDSHAKE_DISTRIBUTED_COMPONENT_H
