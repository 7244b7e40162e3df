// SimOptions with the flags of handshake-sim's components (--link-down, --drop, --server-restart,
// --syn-flood, --attacker-rate, --syn-cookies, --profile), as HandshakeScenario parses them, for tests of the flags alone.
#ifndef HANDSHAKE_TEST_SIM_FLAGS_H
#define HANDSHAKE_TEST_SIM_FLAGS_H

#include "ns3/handshake-sim-components.h"
#include "ns3/sim-options.h"

namespace ns3
{

struct SimFlags : public SimOptions
{
    HandshakeSimComponents components;

    SimFlags()
    {
        for (ScenarioComponent* component : components.All())
        {
            Add(*component);
        }
    }
};

} // namespace ns3

#endif // HANDSHAKE_TEST_SIM_FLAGS_H
