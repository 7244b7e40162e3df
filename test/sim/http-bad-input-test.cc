// The server's answers to bad input (400, 431, 501, 404) with later requests still served, its
// connection limits; the client's verdicts on truncated, malformed, wrong-length and wrong-byte
// responses, silent servers and closed ports. Direct link, no loss, stock ns-3 TCP.
#include "ns3/core-module.h"
#include "ns3/handshake-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace ns3;
using Outcome = HttpRequestRecord::Outcome;

namespace
{

struct Pair
{
    Ptr<Node> client;
    Ptr<Node> server;
    Ipv4Address serverAddress;

    Pair()
    {
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        NodeContainer nodes;
        nodes.Create(2);
        client = nodes.Get(0);
        server = nodes.Get(1);
        InternetStackHelper().Install(nodes);
        PointToPointHelper link;
        link.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
        link.SetChannelAttribute("Delay", StringValue("2ms"));
        Ipv4AddressHelper net("10.9.0.0", "255.255.255.252");
        serverAddress = net.Assign(link.Install(nodes)).GetAddress(1);
    }
};

/** Sends raw bytes on one connection and keeps whatever comes back. */
struct RawClient
{
    explicit RawClient(std::string bytes)
        : request(std::move(bytes))
    {
    }

    std::string request;
    std::string received;
    bool peerClosed{false};
    Time closedAt; //!< when the server's close reached us

    void Start(Ptr<Node> node, Address remote)
    {
        Ptr<Socket> socket = Socket::CreateSocket(node, TcpSocketFactory::GetTypeId());
        socket->Bind();
        socket->SetConnectCallback(MakeCallback(&RawClient::Connected, this),
                                   MakeNullCallback<void, Ptr<Socket>>());
        socket->SetRecvCallback(MakeCallback(&RawClient::Read, this));
        socket->SetCloseCallbacks(MakeCallback(&RawClient::Closed, this), MakeNullCallback<void, Ptr<Socket>>());
        socket->Connect(remote);
    }

    void Connected(Ptr<Socket> socket)
    {
        socket->Send(reinterpret_cast<const uint8_t*>(request.data()), request.size(), 0);
    }

    void Read(Ptr<Socket> socket)
    {
        Ptr<Packet> p;
        while ((p = socket->Recv()) && p->GetSize() > 0)
        {
            std::string bytes(p->GetSize(), '\0');
            p->CopyData(reinterpret_cast<uint8_t*>(bytes.data()), bytes.size());
            received += bytes;
        }
    }

    void Closed(Ptr<Socket> socket)
    {
        Read(socket);
        peerClosed = true;
        closedAt = Simulator::Now();
        socket->Close();
    }

    /** Status codes of the responses received, in order. */
    std::vector<unsigned> Statuses() const
    {
        HttpResponseParser parser(65536, 1 << 20);
        parser.Append(reinterpret_cast<const uint8_t*>(received.data()), received.size());
        std::vector<unsigned> statuses;
        HttpResponseParser::Response response;
        while (parser.Next(response) == HttpResponseParser::Status::DONE)
        {
            statuses.push_back(response.status);
        }
        return statuses;
    }
};

/** Listens on \p port of \p node; \p read gets each accepted connection's data. */
void
ListenAndRead(Ptr<Node> node, uint16_t port, Callback<void, Ptr<Socket>> read)
{
    Ptr<Socket> listener = Socket::CreateSocket(node, TcpSocketFactory::GetTypeId());
    listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
    listener->Listen();
    listener->SetAcceptCallback(
        MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
        Callback<void, Ptr<Socket>, const Address&>(
            [read](Ptr<Socket> socket, const Address&) { socket->SetRecvCallback(read); }));
}

/** Answers the first bytes of each connection with canned bytes, then closes (or stays silent). */
struct RawServer
{
    std::string reply;
    bool answer{true};

    void Start(Ptr<Node> node, uint16_t port)
    {
        ListenAndRead(node, port, MakeCallback(&RawServer::Read, this));
    }

    void Read(Ptr<Socket> socket)
    {
        Ptr<Packet> p;
        while ((p = socket->Recv()) && p->GetSize() > 0)
        {
        }
        if (answer)
        {
            socket->Send(reinterpret_cast<const uint8_t*>(reply.data()), reply.size(), 0);
            socket->Close();
        }
    }
};

std::string
Get(const std::string& target, bool close = false)
{
    return HttpMessageWriter::Request("GET", target, "s", !close);
}

std::string
GeneratedBody(const std::string& path, size_t size)
{
    std::string body(size, '\0');
    HttpBodyGenerator(path).Fill(0, reinterpret_cast<uint8_t*>(body.data()), size);
    return body;
}

void
CountBadRequest(std::vector<uint16_t>* seen, uint16_t status, const std::string&)
{
    seen->push_back(status);
}

} // namespace

TEST(HttpServerBadInput, EachClassAnsweredAndOthersStillServed)
{
    Pair pair;
    HttpServerHelper serverHelper(80);
    serverHelper.SetAttribute("HeaderLimit", UintegerValue(1024));
    serverHelper.AddRoute("/index.html", CreateObjectWithAttributes<ConstantRandomVariable>("Constant", DoubleValue(300)),
                          200, "text/html");
    ApplicationContainer apps = serverHelper.Install(pair.server);
    Ptr<HttpServerApplication> server = DynamicCast<HttpServerApplication>(apps.Get(0));
    std::vector<uint16_t> badRequests;
    server->TraceConnectWithoutContext("BadRequest", MakeBoundCallback(&CountBadRequest, &badRequests));
    InetSocketAddress remote(pair.serverAddress, 80);

    RawClient garbage{"NONSENSE\r\n\r\n"};
    RawClient large{"GET / HTTP/1.1\r\nX-Big: " + std::string(5000, 'a') + "\r\n\r\n"};
    RawClient brew{"BREW /pot HTTP/1.1\r\nHost: s\r\n\r\n" + Get("/bytes/10", true)};
    RawClient pipelined{Get("/nope") + Get("/bytes/5") + Get("/index.html", true)};
    std::vector<RawClient*> raws = {&garbage, &large, &brew, &pipelined};
    for (size_t i = 0; i < raws.size(); ++i)
    {
        Simulator::Schedule(Seconds(0.1 * (i + 1)), &RawClient::Start, raws[i], pair.client, remote);
    }
    // Afterwards a well-behaved client is served as usual.
    HttpClientHelper clientHelper(remote);
    clientHelper.SetAttribute("Requests", UintegerValue(2));
    clientHelper.SetAttribute("Path", StringValue("/index.html"));
    clientHelper.Install(pair.client).Start(Seconds(1));
    Simulator::Stop(Seconds(20));
    Simulator::Run();

    EXPECT_EQ(garbage.Statuses(), std::vector<unsigned>({400}));
    EXPECT_TRUE(garbage.peerClosed);
    EXPECT_EQ(large.Statuses(), std::vector<unsigned>({431}));
    EXPECT_TRUE(large.peerClosed);
    EXPECT_EQ(brew.Statuses(), std::vector<unsigned>({501, 200}));
    EXPECT_TRUE(brew.peerClosed) << "Connection: close honoured";
    EXPECT_EQ(pipelined.Statuses(), std::vector<unsigned>({404, 200, 200})) << "answered in order";
    EXPECT_TRUE(pipelined.peerClosed);
    EXPECT_EQ(badRequests, std::vector<uint16_t>({400, 431, 501, 404}));
    for (uint16_t status : {400, 431, 501, 404})
    {
        EXPECT_EQ(server->GetStatusCount(status), 1u) << status;
    }
    const auto& records = clientHelper.GetRecords();
    ASSERT_EQ(records.size(), 2u);
    for (const auto& r : records)
    {
        EXPECT_EQ(r.outcome, Outcome::OK) << r.detail;
        EXPECT_EQ(r.status, 200);
        EXPECT_EQ(r.bodyBytes, 300u);
    }
    EXPECT_EQ(server->GetOpenConnections(), 0u);
    Simulator::Destroy();
}

TEST(HttpServerBadInput, PersistentPipelinedPagesWithServerLimits)
{
    Pair pair;
    HttpServerHelper serverHelper(80);
    serverHelper.SetAttribute("MaxRequestsPerConnection", UintegerValue(3));
    serverHelper.SetAttribute("ResponseDelay", StringValue("ns3::ExponentialRandomVariable[Mean=0.005]"));
    ApplicationContainer apps = serverHelper.Install(pair.server);
    Ptr<HttpServerApplication> server = DynamicCast<HttpServerApplication>(apps.Get(0));
    HttpClientHelper clientHelper(InetSocketAddress(pair.serverAddress, 80));
    clientHelper.SetAttribute("Requests", UintegerValue(3)); // pages
    clientHelper.SetAttribute("EmbeddedObjects", UintegerValue(5));
    clientHelper.SetAttribute("Connections", UintegerValue(2));
    clientHelper.SetAttribute("Persistent", BooleanValue(true));
    clientHelper.SetAttribute("Pipeline", UintegerValue(2));
    clientHelper.SetAttribute("ResponseSize", StringValue("ns3::LogNormalRandomVariable[Mu=8|Sigma=1]"));
    clientHelper.SetAttribute("EmbeddedSize", StringValue("ns3::UniformRandomVariable[Min=10|Max=5000]"));
    clientHelper.SetAttribute("ThinkTime", StringValue("ns3::ConstantRandomVariable[Constant=0.5]"));
    clientHelper.Install(pair.client).Start(Seconds(0.1));
    Simulator::Stop(Seconds(60));
    Simulator::Run();
    const auto& records = clientHelper.GetRecords();
    ASSERT_EQ(records.size(), 3u * 6);
    for (const auto& r : records)
    {
        EXPECT_EQ(r.outcome, Outcome::OK) << HttpRequestRecord::OutcomeName(r.outcome) << " " << r.detail;
        EXPECT_EQ(r.bodyBytes, r.expectedBytes);
    }
    EXPECT_EQ(server->GetStatusCount(200), 18u);
    EXPECT_GE(server->GetAcceptedCount(), 6u) << "at most 3 requests per connection";
    Simulator::Destroy();
}

TEST(HttpClientVerdicts, BadResponsesAreDetected)
{
    Pair pair;
    std::string path = "/bytes/20";
    std::string head20 = HttpMessageWriter::ResponseHead(200, 20, "application/octet-stream", false);
    struct Case
    {
        const char* name;
        std::string reply;
        bool answer;
        Outcome expected;
    };
    std::vector<Case> cases = {
        {"good", head20 + GeneratedBody(path, 20), true, Outcome::OK},
        {"truncated", head20 + GeneratedBody(path, 10), true, Outcome::BAD_RESPONSE},
        {"malformed", "HTTP/1.1 2x0 OK\r\n\r\n", true, Outcome::BAD_RESPONSE},
        {"short length",
         HttpMessageWriter::ResponseHead(200, 10, "text/plain", false) + GeneratedBody(path, 10), true,
         Outcome::BAD_RESPONSE},
        {"bytes after the body", head20 + GeneratedBody(path, 20) + "EXTRA", true, Outcome::BAD_RESPONSE},
        {"wrong bytes", head20 + std::string(20, 'x'), true, Outcome::BODY_MISMATCH},
        {"silent", "", false, Outcome::TIMEOUT},
    };
    std::vector<RawServer> servers(cases.size());
    std::vector<HttpClientHelper> clients;
    for (size_t i = 0; i < cases.size(); ++i)
    {
        servers[i].reply = cases[i].reply;
        servers[i].answer = cases[i].answer;
        servers[i].Start(pair.server, static_cast<uint16_t>(8000 + i));
        clients.emplace_back(InetSocketAddress(pair.serverAddress, static_cast<uint16_t>(8000 + i)));
    }
    // Nobody listens on port 7999: stock TCP answers the SYN with a RST.
    clients.emplace_back(InetSocketAddress(pair.serverAddress, 7999));
    for (auto& client : clients)
    {
        client.SetAttribute("ResponseSize", StringValue("ns3::ConstantRandomVariable[Constant=20]"));
        client.SetAttribute("ResponseTimeout", TimeValue(Seconds(2)));
        client.SetAttribute("ConnectTimeout", TimeValue(Seconds(5)));
        client.Install(pair.client).Start(Seconds(0.1));
    }
    Simulator::Stop(Seconds(30));
    Simulator::Run();
    for (size_t i = 0; i < clients.size(); ++i)
    {
        const char* name = i < cases.size() ? cases[i].name : "closed port";
        Outcome expected = i < cases.size() ? cases[i].expected : Outcome::CONNECT_FAILED;
        const auto& records = clients[i].GetRecords();
        ASSERT_EQ(records.size(), 1u) << name;
        EXPECT_EQ(HttpRequestRecord::OutcomeName(records[0].outcome), HttpRequestRecord::OutcomeName(expected))
            << name << ": " << records[0].detail;
    }
    Simulator::Destroy();
}

/** Answers a request with a response head and part of its body, more of it 1.5 s later, then
 *  nothing: the client's response timeout runs from its last progress. */
struct TrickleServer
{
    std::string first;
    std::string later;
    Time laterSentAt{Seconds(-1)};

    void Start(Ptr<Node> node, uint16_t port)
    {
        ListenAndRead(node, port, MakeCallback(&TrickleServer::Read, this));
    }

    void Read(Ptr<Socket> socket)
    {
        Ptr<Packet> p;
        while ((p = socket->Recv()) && p->GetSize() > 0)
        {
        }
        socket->Send(reinterpret_cast<const uint8_t*>(first.data()), first.size(), 0);
        Simulator::Schedule(Seconds(1.5), &TrickleServer::SendLater, this, socket);
    }

    void SendLater(Ptr<Socket> socket)
    {
        laterSentAt = Simulator::Now();
        socket->Send(reinterpret_cast<const uint8_t*>(later.data()), later.size(), 0);
    }
};

TEST(HttpClientVerdicts, AStalledResponseTimesOutAfterItsLastProgressNotItsFirst)
{
    Pair pair;
    std::string path = "/bytes/20";
    TrickleServer server;
    std::string body = GeneratedBody(path, 20);
    server.first = HttpMessageWriter::ResponseHead(200, 20, "application/octet-stream", false) + body.substr(0, 10);
    server.later = body.substr(10, 5);
    server.Start(pair.server, 8100);
    HttpClientHelper client(InetSocketAddress(pair.serverAddress, 8100));
    client.SetAttribute("ResponseSize", StringValue("ns3::ConstantRandomVariable[Constant=20]"));
    client.SetAttribute("ResponseTimeout", TimeValue(Seconds(2)));
    client.Install(pair.client).Start(Seconds(0.1));
    Simulator::Stop(Seconds(30));
    Simulator::Run();
    const auto& records = client.GetRecords();
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(HttpRequestRecord::OutcomeName(records[0].outcome), HttpRequestRecord::OutcomeName(Outcome::TIMEOUT));
    ASSERT_GT(server.laterSentAt, Seconds(1));
    // The 5 bytes sent at laterSentAt reach the client a few ms later and move the deadline 2 s
    // past them: not 2 s after the first bytes (about 1.5 s earlier).
    EXPECT_GE(records[0].closed, server.laterSentAt + Seconds(2)) << records[0].closed.As(Time::S);
    EXPECT_LT(records[0].closed, server.laterSentAt + Seconds(2) + MilliSeconds(50)) << records[0].closed.As(Time::S);
    Simulator::Destroy();
}

TEST(HttpServerBadInput, DurationWorkloadAndConnectionLimit)
{
    Pair pair;
    HttpServerHelper serverHelper(80);
    serverHelper.SetAttribute("MaxConnections", UintegerValue(1));
    ApplicationContainer apps = serverHelper.Install(pair.server);
    Ptr<HttpServerApplication> server = DynamicCast<HttpServerApplication>(apps.Get(0));
    InetSocketAddress remote(pair.serverAddress, 80);
    // A holds the only connection for 2 s of requests; B tries meanwhile and is refused.
    HttpClientHelper a(remote);
    a.SetAttribute("Requests", UintegerValue(0));
    a.SetAttribute("Duration", TimeValue(Seconds(2)));
    a.SetAttribute("Persistent", BooleanValue(true));
    a.SetAttribute("ThinkTime", StringValue("ns3::ConstantRandomVariable[Constant=0.2]"));
    a.Install(pair.client).Start(Seconds(0.1));
    HttpClientHelper b(remote);
    b.SetAttribute("ConnectTimeout", TimeValue(Seconds(1)));
    b.Install(pair.client).Start(Seconds(0.5));
    Simulator::Stop(Seconds(20));
    Simulator::Run();
    const auto& records = a.GetRecords();
    EXPECT_GE(records.size(), 8u);
    EXPECT_LE(records.size(), 11u);
    for (const auto& r : records)
    {
        EXPECT_EQ(r.outcome, Outcome::OK) << r.detail;
        EXPECT_EQ(r.connection, 0u) << "one persistent connection";
    }
    ASSERT_EQ(b.GetRecords().size(), 1u);
    EXPECT_EQ(b.GetRecords()[0].outcome, Outcome::CONNECT_FAILED) << b.GetRecords()[0].detail;
    EXPECT_GE(server->GetRefusedCount(), 1u);
    EXPECT_EQ(server->GetOpenConnections(), 0u);
    Simulator::Destroy();
}

TEST(HttpServerBadInput, IdleKeepAliveConnectionIsClosedAfterIdleTimeout)
{
    // RFC 9112 9.8: a server may close an idle persistent connection; ours does after IdleTimeout.
    Pair pair;
    HttpServerHelper serverHelper(80);
    serverHelper.SetAttribute("IdleTimeout", TimeValue(Seconds(3)));
    serverHelper.Install(pair.server);
    RawClient idle{Get("/bytes/10")}; // keep-alive: the client never closes
    Simulator::Schedule(Seconds(0.1), &RawClient::Start, &idle, pair.client,
                        InetSocketAddress(pair.serverAddress, 80));
    Simulator::Stop(Seconds(20));
    Simulator::Run();
    EXPECT_EQ(idle.Statuses(), std::vector<unsigned>({200}));
    ASSERT_TRUE(idle.peerClosed) << "the idle connection was never closed";
    // The response is out at about 0.11 s and acknowledged up to 200 ms later (stock TCP's delayed
    // ACK); the connection is idle from then on, and closed 3 s later.
    EXPECT_GT(idle.closedAt, Seconds(3.1));
    EXPECT_LT(idle.closedAt, Seconds(3.35));
    Simulator::Destroy();
}

TEST(HttpServerBadInput, KeepAliveConnectionWithoutIdleTimeoutStaysOpen)
{
    Pair pair;
    HttpServerHelper serverHelper(80);
    serverHelper.SetAttribute("IdleTimeout", TimeValue(Seconds(0)));
    serverHelper.Install(pair.server);
    RawClient idle{Get("/bytes/10")};
    Simulator::Schedule(Seconds(0.1), &RawClient::Start, &idle, pair.client,
                        InetSocketAddress(pair.serverAddress, 80));
    Simulator::Stop(Seconds(20));
    Simulator::Run();
    EXPECT_EQ(idle.Statuses(), std::vector<unsigned>({200}));
    EXPECT_FALSE(idle.peerClosed);
    Simulator::Destroy();
}

TEST(HttpClientRetry, ARetriedRequestIsMeasuredFromItsFirstAttempt)
{
    // Two pipelined requests on a persistent connection to a server that serves one request per
    // connection: it answers the first and closes, so the second, whose response never started,
    // is sent again on a new connection (RFC 9112 9.3.1). Its record starts at the first
    // connection's connect, not the retry's.
    Pair pair;
    HttpServerHelper serverHelper(80);
    serverHelper.SetAttribute("MaxRequestsPerConnection", UintegerValue(1));
    serverHelper.Install(pair.server);
    HttpClientHelper clientHelper(InetSocketAddress(pair.serverAddress, 80));
    clientHelper.SetAttribute("Requests", UintegerValue(2));
    clientHelper.SetAttribute("Persistent", BooleanValue(true));
    clientHelper.SetAttribute("Pipeline", UintegerValue(2));
    clientHelper.Install(pair.client).Start(Seconds(0.1));
    Simulator::Stop(Seconds(20));
    Simulator::Run();
    const auto& records = clientHelper.GetRecords();
    ASSERT_EQ(records.size(), 2u);
    const HttpRequestRecord& first = records[0].request == 0 ? records[0] : records[1];
    const HttpRequestRecord& retried = records[0].request == 0 ? records[1] : records[0];
    EXPECT_EQ(first.outcome, Outcome::OK) << first.detail;
    EXPECT_EQ(retried.outcome, Outcome::OK) << retried.detail;
    EXPECT_EQ(first.connection, 0u);
    EXPECT_EQ(first.attempts, 1u);
    EXPECT_EQ(retried.connection, 1u) << "carried by the retry's connection";
    EXPECT_EQ(retried.attempts, 2u);
    EXPECT_EQ(retried.firstConnection, 0u);
    EXPECT_EQ(retried.firstLocalPort, first.localPort);
    EXPECT_NE(retried.localPort, first.localPort);
    EXPECT_EQ(retried.connectCalled, Seconds(0.1)) << "the first attempt's connect";
    EXPECT_EQ(first.connectCalled, Seconds(0.1));
    EXPECT_GT(retried.established, first.lastByte) << "established: the carrying connection's";
    Simulator::Destroy();
}
