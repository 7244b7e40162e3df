/*
 * The components handshake-sim's scenario is built from, in the order of their flags and hooks:
 * the ranks of a run spread over MPI processes, the topology, the HTTP workload, the capture, the recorders, then the features (link faults,
 * --drop rules, server restarts, the SYN flood, our TCP's profile and SYN cookies, DNS), and last the
 * run's end and its outputs. A program's own components go between the features and the last two
 * (HandshakeScenario::Add). HandshakeScenario holds one; a program or test that parses
 * handshake-sim's flags without running adds All() to its SimOptions.
 */
#ifndef HANDSHAKE_SIM_COMPONENTS_H
#define HANDSHAKE_SIM_COMPONENTS_H

#include "ns3/capture-component.h"
#include "ns3/distributed-component.h"
#include "ns3/dns-component.h"
#include "ns3/drop-rule-component.h"
#include "ns3/http-workload-component.h"
#include "ns3/link-fault-component.h"
#include "ns3/outputs-component.h"
#include "ns3/recording-component.h"
#include "ns3/run-end-component.h"
#include "ns3/server-restart-component.h"
#include "ns3/syn-flood-component.h"
#include "ns3/tcp-profile-component.h"
#include "ns3/topology-component.h"

#include <vector>

namespace ns3
{

class HandshakeSimComponents
{
  public:
    DistributedComponent distributed; //!< first: MPI is on before the topology is built
    TopologyComponent topology;
    HttpWorkloadComponent workload;
    CaptureComponent capture;
    RecordingComponent recording;
    LinkFaultComponent linkFaults;
    DropRuleComponent drops;
    ServerRestartComponent serverRestarts;
    SynFloodComponent synFlood;
    TcpProfileComponent tcpProfile;
    DnsComponent dns;
    RunEndComponent runEnd;
    OutputsComponent outputs;

    /** From the ranks and the topology to DNS, in order: a program's own components follow them. */
    std::vector<ScenarioComponent*> First();
    /** The run's end and its outputs, after every other component. */
    std::vector<ScenarioComponent*> Last();
    /** First() then Last(). */
    std::vector<ScenarioComponent*> All();
};

} // namespace ns3

#endif // HANDSHAKE_SIM_COMPONENTS_H
