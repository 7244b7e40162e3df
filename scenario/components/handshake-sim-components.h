/*
 * The components handshake-sim's scenario is built from, besides the run's own parts (topology,
 * HTTP workload, capture, recorders, outputs): link faults, --drop rules, server restarts, the
 * SYN flood and our TCP's profile and SYN cookies, in the order of their flags and hooks. HandshakeScenario holds one; a program or test
 * that parses handshake-sim's flags without running adds All() to its SimOptions.
 */
#ifndef HANDSHAKE_SIM_COMPONENTS_H
#define HANDSHAKE_SIM_COMPONENTS_H

#include "ns3/drop-rule-component.h"
#include "ns3/link-fault-component.h"
#include "ns3/server-restart-component.h"
#include "ns3/syn-flood-component.h"
#include "ns3/tcp-profile-component.h"

#include <vector>

namespace ns3
{

class HandshakeSimComponents
{
  public:
    LinkFaultComponent linkFaults;
    DropRuleComponent drops;
    ServerRestartComponent serverRestarts;
    SynFloodComponent synFlood;
    TcpProfileComponent tcpProfile;

    /** Each of them, in order. */
    std::vector<ScenarioComponent*> All();
};

} // namespace ns3

#endif // HANDSHAKE_SIM_COMPONENTS_H
