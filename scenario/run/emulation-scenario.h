/*
 * The run of handshake-emu, as a library part: real Linux programs and handshake's simulated hosts
 * talking in real time through a simulated path (doc/emulation.rst). A program's whole main is
 * Main(argc, argv), so that handshake-emu is a few lines (doc/architecture.rst).
 *
 * ns-3 runs on its real-time scheduler with checksums on; one node of a TopologyBuilder dumbbell
 * gets an FdNetDevice on a Linux tap (EmulationGatewayHelper) and routes between the tap and the
 * simulation:
 *
 * --mode=linux-client: a Linux client (curl, ab) fetches from our HttpServerApplication
 *
 *   Linux client == tap == [client 0: gateway] --access (delay, loss)-- core
 *       ==bottleneck== router -- server 0 (HTTP)
 *
 * --mode=linux-server: our HttpClientApplications fetch from a Linux HTTP server
 *
 *   client i (HTTP) --access i (delay, loss)-- core ==bottleneck== router
 *       -- [server 0: gateway] == tap == Linux server
 *
 * The tap must exist, configured, in the network namespace the program runs in (scripts/emu makes
 * it); the run only attaches to it (LinuxTapFile). Hosts run handshake's TCP (--tcp=handshake) or
 * ns-3's stock TCP (--tcp=ns3). Outputs under --out: tap.pcap (what crossed the tap, both ways),
 * host.pcap (the simulated HTTP host's own link), our-tcp.txt (each connection's states from our
 * TCP's traces, TcpStateLog), http.txt (requests and their outcomes, or the server's counts:
 * HttpRequestLog), summary.txt.
 *
 * The run ends once the clients are done (linux-server) or SIGTERM/SIGINT came (StopRequest), after
 * a drain: until our TCP has closed every connection (TIME_WAIT over; at most 10 s), or 1 s with
 * stock TCP, whose states are not traced; or at --duration.
 *
 * --write-body=FILE writes the body our HTTP apps expect for GET /bytes/<--size> and exits
 * (WriteHttpBody): the Linux server serves that file, so our client checks every byte it receives.
 */
#ifndef HANDSHAKE_EMULATION_SCENARIO_H
#define HANDSHAKE_EMULATION_SCENARIO_H

#include "ns3/emulation-options.h"
#include "ns3/http-server-application.h"
#include "ns3/output-folder-lock.h"
#include "ns3/request-recorder.h"
#include "ns3/tcp-state-log.h"
#include "ns3/topology-builder.h"

#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"

#include <string>

namespace ns3
{

class EmulationScenario
{
  public:
    /** How often the run checks whether it is done or asked to stop. */
    static const Time WATCH_STEP;
    /** The longest drain once done or asked to stop, while our TCP still has connections open. */
    static const Time DRAIN_LIMIT;
    /** The drain with stock TCP, whose connections' states are not traced. */
    static const Time STOCK_DRAIN;

    /** \p program names the run in errors, in --out's lock and in the summary's first line. */
    explicit EmulationScenario(std::string program = "handshake-emu");
    /** Not copied: the options and the recorders' traces point into it. */
    EmulationScenario(const EmulationScenario&) = delete;
    EmulationScenario& operator=(const EmulationScenario&) = delete;

    /**
     * A program's main: parses argv, joins the tap, runs in real time and writes the outputs.
     * Returns the exit status: 0 done (linux-server: every request ok), 2 invalid flags or
     * --write-body failed, 1 the tap, --out or the gateway could not be set up (nothing run), or a
     * request of ours failed. Errors are one line on stderr, "<program>: --flag: what is wrong";
     * the summary goes to stdout.
     */
    int Main(int argc, char* argv[]);

    /** After Main: the flags as validated, and the summary as printed. */
    const EmulationOptions& GetOptions() const;
    const std::string& GetSummary() const;

  private:
    /** The tap, the topology, --out and its lock, the tap joined: an error text, or empty. */
    std::string Prepare();
    void BuildTopology(std::string* error);
    /** Puts the tap (\p fd, \p mtu) on the gateway and routes its subnet back to it. */
    std::string JoinTap(int fd, int mtu);
    /** Our HTTP server, or our HTTP clients; returns the ready file's text. */
    std::string InstallApplications();
    void Install();
    void Simulate();
    /** Every WATCH_STEP: stops the run once done or asked to, and drained. */
    void Watch();
    /** Before Simulator::Destroy: our-tcp.txt, http.txt and the summary. */
    void Record();
    /** Requests of our clients that ended with status 200 and outcome ok. */
    uint32_t OkRequests() const;
    int Fail(int status, const std::string& error) const;

    std::string m_program;
    EmulationOptions m_options;
    Ptr<TopologyBuilder> m_topology;
    OutputFolderLock m_outLock; //!< held from before the first write to --out until the end
    NodeContainer m_hosts;      //!< the simulated HTTP hosts: server 0, or the clients
    Ptr<HttpServerApplication> m_server; //!< linux-client mode
    RequestRecorder m_requests;          //!< linux-server mode
    TcpStateLog m_states;
    std::string m_ready;
    bool m_allRecorded{false};
    Time m_drainStart{Seconds(-1)}; //!< negative until the drain begins
    std::string m_summary;
};

} // namespace ns3

#endif // HANDSHAKE_EMULATION_SCENARIO_H
