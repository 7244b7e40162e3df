/*
 * handshake-sim: the main scenario program (run by scripts/demo).
 *
 * Clients, each on its own access link with its own delay and loss, fetch objects over HTTP from servers
 * behind a shared bottleneck (TopologyBuilder: a tree of access routers or a dumbbell):
 *
 *   client_i --access_i-- accessRouter --uplink-- core ==bottleneck== serverRouter --- server_j
 *
 * Every connection shows a handshake (SYN, SYN-ACK, ACK), a transfer and a teardown (FIN from each
 * side, each ACKed), captured to pcap files that Wireshark and tshark read like real captures.
 * The hosts' TCP is handshake's own (--tcp=handshake, the default) or ns-3's stock TCP (--tcp=ns3),
 * checksums on either way. Each client makes --requests HTTP/1.1 GETs of --size bytes, one
 * connection per request (the seeds' flow: handshake, GET, response, teardown) or --persistent.
 *
 * The scenario itself is a library part, HandshakeScenario (scenario/run/, doc/architecture.rst):
 * flags, installation, the stop rule, records, metrics and outputs all live there.
 */
#include "ns3/core-module.h"
#include "ns3/handshake-module.h"

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("HandshakeSim");

int
main(int argc, char* argv[])
{
    // ns-3's default resolution, set before anything else: this ends ns-3's registry of the Time
    // objects made before Simulator::Run (kept so that a later SetResolution can convert them),
    // a mutex and a std::set insert and erase per Time made during set-up (1.1% of the
    // instructions at 1,000 clients; issue [bench]). Nothing here changes the resolution later.
    Time::SetResolution(Time::NS);
    return HandshakeScenario("handshake-sim").Main(argc, argv);
}
