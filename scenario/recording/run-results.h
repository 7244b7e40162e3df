/*
 * What a scenario run has to show once it is over, gathered in one place for the components that
 * write it (records, metrics, summary lines, report): the settings and clients as drawn before the
 * run, the rows the recorders made during it, and how it ended. HandshakeScenario fills it; a
 * component reads it through its ScenarioContext.
 */
#ifndef HANDSHAKE_RUN_RESULTS_H
#define HANDSHAKE_RUN_RESULTS_H

#include "ns3/run-records.h"

#include <string>
#include <vector>

namespace ns3
{

struct RunResults
{
    // Before the run.
    std::vector<SettingRecord> settings; //!< every setting in effect (SimOptions::EffectiveSettings)
    std::vector<ClientRecord> clients;   //!< each client as drawn, by index
    std::vector<uint32_t> recordedClients; //!< the clients recorded segment by segment (the capture's)

    // After the run, before Simulator::Destroy.
    double simulatedSeconds{0};
    std::string title; //!< summary.txt's first line and report.html's heading
    std::vector<ConnectionRecord> connections;
    std::vector<TransactionRecord> transactions;
    std::vector<SegmentRecord> segments; //!< the recorded clients' segments (ConnectionRecorder)
    std::vector<StateRecord> states;     //!< the states their connections' sides entered
    std::vector<DropRecord> drops;       //!< segments the --drop rules and the links lost (DropPlan)
    std::vector<DropClient> dropClients; //!< each drop's client end (to find its connection over ranks)
    uint64_t timeWaitAtEnd{0};           //!< clients in TIME_WAIT when the run ended
    std::vector<ServerRecord> servers;
    RunEndRecord end;
};

} // namespace ns3

#endif // HANDSHAKE_RUN_RESULTS_H
