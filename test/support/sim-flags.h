// SimOptions with the flags of every one of handshake-sim's components (HandshakeSimComponents:
// topology, workload, capture, run end, outputs and the features), in HandshakeScenario's order,
// for tests of the flags alone.
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
