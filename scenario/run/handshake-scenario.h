/*
 * The scenario handshake-sim runs, as a library part: a program's whole main in Main(argc, argv), so
 * that handshake-sim is a few lines and tests can run the scenario in-process (doc/architecture.rst).
 *
 * Clients, each on its own access link with its own delay and loss, fetch objects over HTTP from
 * servers behind a shared bottleneck (TopologyBuilder: a tree of access routers or a dumbbell):
 *
 *   client_i --access_i-- accessRouter --uplink-- core ==bottleneck== serverRouter --- server_j
 *
 * Steps: parse and validate the flags (SimOptions, with the components' own) before anything is
 * written; build the topology; install the HTTP workload, the capture, the components (link faults,
 * --drop rules, server restarts), the recorders and the components that come last (the SYN flood);
 * run until the work is done and the connections have ended (RunEndRule: every
 * request has its outcome, then the SYN flood stops and the run ends once every connection has
 * ended, or --teardown-grace later, or at RUN_LIMIT); write results.sqlite (records and metrics),
 * summary.txt and report.html, which say why the run ended and name the connections still open.
 * Each component (ScenarioComponent) brings its flags, install step, rows, summary lines and
 * metrics; Add() takes more before Main.
 */
#ifndef HANDSHAKE_SCENARIO_H
#define HANDSHAKE_SCENARIO_H

#include "ns3/connection-recorder.h"
#include "ns3/handshake-sim-components.h"
#include "ns3/output-folder-lock.h"
#include "ns3/request-recorder.h"
#include "ns3/results-database.h"
#include "ns3/run-end-rule.h"
#include "ns3/run-records.h"
#include "ns3/scenario-component.h"
#include "ns3/server-load-monitor.h"
#include "ns3/sim-options.h"
#include "ns3/topology-builder.h"

#include "ns3/nstime.h"
#include "ns3/ptr.h"

#include <memory>
#include <string>
#include <vector>

namespace ns3
{

class HandshakeScenario
{
  public:
    /** The requests end here at the latest (long enough for SYN and data back-off on lossy links). */
    static const Time RUN_LIMIT;
    /** --teardown-grace's default (SimOptions::TEARDOWN_GRACE_SECONDS): once every request has its
     *  outcome, the longest wait for the clients' connections to end (plus 2 MSL with --drain). */
    static const Time TEARDOWN_GRACE;
    /** The servers' HTTP port. */
    static constexpr uint16_t HTTP_PORT = 80;
    /** Longest error line printed: a flag or config value is quoted shortened beyond this. */
    static constexpr size_t ERROR_LINE_LIMIT = 400;

    /** \p program names the run in errors, in the runs table and in the summary's title. */
    explicit HandshakeScenario(std::string program = "handshake-sim");
    /** Not copied: the options and the components point into it. */
    HandshakeScenario(const HandshakeScenario&) = delete;
    HandshakeScenario& operator=(const HandshakeScenario&) = delete;

    /**
     * Adds \p component after the others (HandshakeSimComponents: link faults, --drop rules,
     * server restarts, SYN flood, TCP profile):
     * its flags follow theirs, its hooks are called after theirs. Before Main; \p component must
     * outlive the run.
     */
    void Add(ScenarioComponent& component);

    /**
     * A program's main: parses argv, builds, runs and writes the outputs. Returns the exit status:
     * 0 done, 2 invalid flags or --out (nothing written), 1 an output could not be written. Errors
     * are one line on stderr, "<program>: --flag: what is wrong"; the summary goes to stdout.
     */
    int Main(int argc, char* argv[]);

    /** After Main: the flags as validated, and the summary as printed. */
    const SimOptions& GetOptions() const;
    const std::string& GetSummary() const;

  private:
    /** Flags, topology, --out and results.sqlite; an error text ("--out: ...") or empty. */
    std::string Prepare(int argc, char* argv[]);
    static void ClearEarlierOutputs(const std::string& outDir, const std::string& pcapDir);
    void InstallApplications();
    void Install();
    void Simulate();
    void Record();
    /** summary.txt, report.html and --csv; an error text or empty. */
    std::string WriteOutputs();
    /** Every request has its outcome: the flood stops and the wait for connections begins. */
    void WorkDone();
    void StopWhenEnded();
    /** The clients' connections not ended yet (not CLOSED by their TCP with --drain). */
    uint64_t OpenConnections() const;
    int Fail(int status, const std::string& error) const;

    std::string m_program;
    SimOptions m_options;
    Ptr<TopologyBuilder> m_topology;
    std::string m_pcapDir;
    OutputFolderLock m_outLock; //!< held from before the first write to --out until the end
    std::unique_ptr<ResultsDatabase> m_database;
    RequestRecorder m_requests;
    ConnectionRecorder m_connections;
    ServerLoadMonitor m_serverLoad;
    RunEndRule m_end;
    HandshakeSimComponents m_ownComponents;
    std::vector<ScenarioComponent*> m_components; //!< in the order of their hooks

    std::vector<SettingRecord> m_settings; //!< every setting in effect (SimOptions::EffectiveSettings)
    std::vector<ClientRecord> m_clients;   //!< each client as drawn, by index

    // After the run.
    double m_simulated{0};
    std::vector<ConnectionRecord> m_connectionRecords;
    std::vector<TransactionRecord> m_transactions;
    std::vector<ServerRecord> m_servers;
    RunEndRecord m_endRecord;
    std::string m_title;
    std::string m_summary;
};

} // namespace ns3

#endif // HANDSHAKE_SCENARIO_H
