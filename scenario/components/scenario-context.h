/*
 * What a ScenarioComponent installs on and records with: the built topology, the run's recorders
 * and its results, as HandshakeScenario holds them. The same object is handed to every hook that
 * takes one; it lives as long as the run.
 */
#ifndef HANDSHAKE_SCENARIO_CONTEXT_H
#define HANDSHAKE_SCENARIO_CONTEXT_H

#include <cstdint>
#include <string>

namespace ns3
{

class ConnectionRecorder;
class RequestRecorder;
class ServerLoadMonitor;
class TopologyBuilder;
struct RunResults;

struct ScenarioContext
{
    TopologyBuilder& topology;
    ConnectionRecorder& connections; //!< installed after Install, before InstallLast
    ServerLoadMonitor& serverLoad;   //!< likewise
    RequestRecorder& requests;       //!< the HTTP clients' requests (HttpWorkloadComponent)
    uint16_t httpPort;               //!< where the servers' HTTP applications listen
    std::string pcapDir;             //!< where capture files go (--out's pcap/)
    RunResults& results;             //!< clients as drawn at Install; the records after the run
};

} // namespace ns3

#endif // HANDSHAKE_SCENARIO_CONTEXT_H
