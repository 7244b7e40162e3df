#include "handshake-sim-components.h"

namespace ns3
{

std::vector<ScenarioComponent*>
HandshakeSimComponents::First()
{
    return {&distributed, &topology, &workload, &capture, &recording, &linkFaults, &drops, &serverRestarts, &synFlood, &tcpProfile, &dns};
}

std::vector<ScenarioComponent*>
HandshakeSimComponents::Last()
{
    return {&runEnd, &outputs};
}

std::vector<ScenarioComponent*>
HandshakeSimComponents::All()
{
    std::vector<ScenarioComponent*> all = First();
    for (ScenarioComponent* component : Last())
    {
        all.push_back(component);
    }
    return all;
}

} // namespace ns3
