/*
 * What a ScenarioComponent installs on and records with: the built topology and the run's
 * recorders, as HandshakeScenario holds them.
 */
#ifndef HANDSHAKE_SCENARIO_CONTEXT_H
#define HANDSHAKE_SCENARIO_CONTEXT_H

#include <cstdint>

namespace ns3
{

class ConnectionRecorder;
class ServerLoadMonitor;
class TopologyBuilder;

struct ScenarioContext
{
    TopologyBuilder& topology;
    ConnectionRecorder& connections; //!< installed after Install, before InstallLast
    ServerLoadMonitor& serverLoad;   //!< likewise
    uint16_t httpPort;               //!< where the servers' HTTP applications listen
};

} // namespace ns3

#endif // HANDSHAKE_SCENARIO_CONTEXT_H
