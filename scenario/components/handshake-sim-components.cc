#include "handshake-sim-components.h"

namespace ns3
{

std::vector<ScenarioComponent*>
HandshakeSimComponents::All()
{
    return {&linkFaults, &drops, &serverRestarts, &synFlood, &tcpProfile};
}

} // namespace ns3
