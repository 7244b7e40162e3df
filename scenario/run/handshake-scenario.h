/*
 * The scenario handshake-sim runs, as a library part: a program's whole main in Main(argc, argv), so
 * that handshake-sim is a few lines and tests can run the scenario in-process (doc/architecture.rst).
 *
 * Clients, each on its own access link with its own delay and loss, fetch objects over HTTP from
 * servers behind a shared bottleneck (TopologyBuilder: a tree of access routers or a dumbbell):
 *
 *   client_i --access_i-- accessRouter --uplink-- core ==bottleneck== serverRouter --- server_j
 *
 * The run is its components (ScenarioComponent, HandshakeSimComponents): each brings its flags,
 * install step, rows, summary lines and metrics, and this class calls their hooks in order at the
 * run's steps: parse and validate every flag (SimOptions) before anything is written; Prepare (the
 * topology is built); open --out (OutputsComponent); Install (the HTTP workload, the capture, link
 * faults, --drop rules, server restarts) and InstallLast (the recorders, the SYN flood); run until
 * the work is done and the connections have ended (RunEndComponent); Record (results.sqlite's
 * rows and metrics, the summary's lines); write summary.txt and report.html. Add() takes a
 * program's own components before Main.
 */
#ifndef HANDSHAKE_SCENARIO_H
#define HANDSHAKE_SCENARIO_H

#include "ns3/connection-recorder.h"
#include "ns3/handshake-sim-components.h"
#include "ns3/request-recorder.h"
#include "ns3/run-results.h"
#include "ns3/scenario-component.h"
#include "ns3/scenario-context.h"
#include "ns3/server-load-monitor.h"
#include "ns3/sim-options.h"

#include "ns3/nstime.h"

#include <memory>
#include <optional>
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
    /** Spread over ranks: how often the ranks add up their requests until all have an outcome. */
    static const Time CHECK_WINDOW;
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
     * Adds \p component after the features (HandshakeSimComponents::First: topology to TCP
     * profile) and before the run's end and outputs (Last): its flags and hooks come in that
     * place. Before Main; \p component must outlive the run.
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
    /** Flags, the components' Prepare, --out and results.sqlite; an error text ("--out: ...") or empty. */
    std::string Prepare(int argc, char* argv[]);
    void Install();
    void Simulate();
    /** A run spread over ranks: the run's end decided at fixed times from every rank's counts,
     *  between Simulator::Run windows or in an event at each (doc/mpi.rst). */
    void SimulateInWindows();
    /** The check of NextCheck as an event of every rank (null-message synchronisation). */
    void CheckInEvent();
    /** At a check's time (a collective): when the next check is due, or none: stop now. */
    std::optional<Time> NextCheck(Time now);
    /** Rank 0 moves the other ranks' capture files into --out's pcap folder (a collective). */
    std::string GatherCaptureFiles();
    /** The records, metrics and summary (every component's), before Simulator::Destroy; spread
     *  over ranks, every rank's records gathered to rank 0 first, and only rank 0 writes them.
     *  Returns an error text or empty. */
    std::string Record();
    /** Every request has its outcome: the components' WorkDone (the flood stops, the wait for the
     *  connections' end begins). */
    void WorkDone();
    int Fail(int status, const std::string& error) const;

    std::string m_program;
    SimOptions m_options;
    HandshakeSimComponents m_builtIn;
    std::vector<ScenarioComponent*> m_components; //!< in the order of their hooks
    std::optional<Time> m_workDoneAt; //!< spread over ranks: when the last request had its outcome
    std::string m_runOutDir; //!< --out of a run spread over ranks (rank 0 writes it)
    bool m_lastAdded{false}; //!< m_builtIn.Last() joined m_components (at Main)

    RequestRecorder m_requests;
    ConnectionRecorder m_connections;
    ServerLoadMonitor m_serverLoad;
    RunResults m_results;
    std::unique_ptr<ScenarioContext> m_context; //!< once the topology is built
    std::string m_summary;
};

} // namespace ns3

#endif // HANDSHAKE_SCENARIO_H
