// minimal-http: a user's own program on the installed package (README.md, "Using handshake from your
// own program"). Four clients fetch 10 kB over HTTP/1.1 from one server, over handshake's TCP;
// writes results.sqlite and report.html to the current folder.
#include "ns3/core-module.h"
#include "ns3/handshake-module.h"
#include "ns3/internet-module.h"

using namespace ns3;

int
main()
{
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    auto topology = CreateObjectWithAttributes<TopologyBuilder>(
        "Shape", StringValue("dumbbell"), "TcpL4Protocol", StringValue("ns3::HandshakeTcpL4Protocol"));
    NS_ABORT_MSG_UNLESS(topology->Build(4, 1).empty(), "topology");
    HttpServerHelper(80).Install(topology->GetServers());
    HttpClientHelper http(InetSocketAddress(topology->GetServerAddress(0), 80));
    http.SetAttribute("ResponseSize", StringValue("ns3::ConstantRandomVariable[Constant=10000]"));
    ApplicationContainer clients = http.Install(topology->GetClients());
    clients.Start(Seconds(0.1));
    clients.Stop(Seconds(60));
    ConnectionRecorder connections;
    connections.Install(topology->GetClients(), {0, 1, 2, 3});
    RequestRecorder requests;
    requests.Install(clients);
    Simulator::Stop(Seconds(70));
    Simulator::Run();
    auto rows = connections.Records();
    auto transactions = requests.Transactions(connections);
    std::string error;
    auto database = ResultsDatabase::Create("results.sqlite", &error);
    NS_ABORT_MSG_UNLESS(database, error);
    database->BeginRun({"minimal-http", "", RngSeedManager::GetRun(), "handshake"});
    database->AddAll(rows, transactions, connections.Segments(), connections.States());
    NS_ABORT_MSG_UNLESS(database->Finish(Simulator::Now().GetSeconds(), &error), error);
    error = HtmlReport("minimal-http").Write("report.html", rows, transactions, connections.Segments());
    NS_ABORT_MSG_UNLESS(error.empty(), error);
    Simulator::Destroy();
}
