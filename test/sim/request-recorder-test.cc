// RequestRecorder: one transactions row per HTTP request, linked to the connection that carried it,
// and its callback once the workload's last request is recorded.
#include "ns3/connection-recorder.h"
#include "ns3/core-module.h"
#include "ns3/http-client-helper.h"
#include "ns3/http-server-helper.h"
#include "ns3/internet-module.h"
#include "ns3/request-recorder.h"
#include "ns3/topology-builder.h"

#include <gtest/gtest.h>

#include <set>

using namespace ns3;

TEST(RequestRecorder, EveryRequestIsARowOnItsOwnConnection)
{
    auto topology = CreateObjectWithAttributes<TopologyBuilder>(
        "Shape", StringValue("dumbbell"),
        "AccessLoss", StringValue("ns3::ConstantRandomVariable[Constant=0]"),
        "TcpL4Protocol", StringValue("ns3::HandshakeTcpL4Protocol"));
    ASSERT_EQ(topology->Build(3, 1), "");
    HttpServerHelper(80).Install(topology->GetServers());
    HttpClientHelper http(InetSocketAddress(topology->GetServerAddress(0), 80));
    http.SetAttribute("Requests", UintegerValue(2));
    ApplicationContainer clients = http.Install(topology->GetClients());
    clients.Start(Seconds(0.1));
    clients.Stop(Seconds(30));
    ConnectionRecorder connections;
    connections.Install(topology->GetClients());
    RequestRecorder requests;
    requests.Install(clients);
    int calls = 0;
    Time allRecordedAt;
    requests.NotifyWhenRecorded(6, [&] {
        ++calls;
        allRecordedAt = Simulator::Now();
    });
    Simulator::Stop(Seconds(40));
    Simulator::Run();

    EXPECT_EQ(calls, 1);
    EXPECT_EQ(requests.Recorded(), 6u);
    EXPECT_EQ(requests.Expected(), 6u);
    std::vector<TransactionRecord> rows = requests.Transactions(connections);
    ASSERT_EQ(rows.size(), 6u);
    std::set<uint64_t> connectionIds;
    std::set<std::string> clientAddresses;
    double lastClosed = 0;
    for (size_t i = 0; i < rows.size(); ++i)
    {
        const TransactionRecord& t = rows[i];
        EXPECT_EQ(t.id, i + 1);
        EXPECT_EQ(t.outcome, "ok");
        EXPECT_EQ(t.status, 200);
        EXPECT_EQ(t.method, "GET");
        EXPECT_EQ(t.bytes, 1000u) << "HttpClientApplication's default ResponseSize";
        ASSERT_TRUE(t.connectCalled && t.established && t.requestSent && t.firstByte && t.lastByte &&
                    t.closed);
        EXPECT_LE(*t.connectCalled, *t.established);
        EXPECT_LE(*t.requestSent, *t.firstByte);
        EXPECT_LE(*t.firstByte, *t.lastByte);
        EXPECT_NE(t.connectionId, 0u) << "linked to a connections row";
        connectionIds.insert(t.connectionId);
        clientAddresses.insert(t.clientAddress);
        lastClosed = std::max(lastClosed, *t.closed);
    }
    EXPECT_EQ(connectionIds.size(), 6u) << "one connection per request (Persistent false)";
    EXPECT_EQ(clientAddresses.size(), 3u);
    std::vector<ConnectionRecord> connectionRows = connections.Records();
    ASSERT_EQ(connectionRows.size(), 6u);
    for (const auto& t : rows)
    {
        const ConnectionRecord& c = connectionRows.at(t.connectionId - 1);
        EXPECT_EQ(c.id, t.connectionId);
        EXPECT_EQ(c.clientAddress, t.clientAddress);
    }
    // A request is recorded when its connection closes: the last one, when the last one closed.
    EXPECT_DOUBLE_EQ(allRecordedAt.GetSeconds(), lastClosed);
    Simulator::Destroy();
}
