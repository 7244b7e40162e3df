/*
 * handshake-emu: real Linux programs and handshake's simulated hosts talking in real time through a
 * simulated path, joined by a tap (run by scripts/emu, which makes the tap; doc/emulation.rst).
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
 * The run itself is a library part, EmulationScenario (scenario/run/, doc/architecture.rst): flags
 * (EmulationOptions), the tap, the topology, the applications, the stop on SIGTERM/SIGINT after a
 * drain, and the outputs (tap.pcap, host.pcap, our-tcp.txt, http.txt, summary.txt) all live there;
 * so does --write-body.
 */
#include "ns3/core-module.h"
#include "ns3/handshake-module.h"

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("HandshakeEmu");

int
main(int argc, char* argv[])
{
    return EmulationScenario("handshake-emu").Main(argc, argv);
}
