#include "tcp-two-nodes.h"

#include "pcap-checker.h"

#include "ns3/point-to-point-module.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>
#include <unistd.h>
#include <sstream>

using namespace ns3;

namespace handshake::test
{

namespace
{

/** Removes the registered paths after the last test, if every test passed. */
class TempCleanup : public testing::Environment
{
  public:
    std::vector<std::string> paths;

    void TearDown() override
    {
        if (!testing::UnitTest::GetInstance()->Passed())
        {
            return;
        }
        for (const auto& path : paths)
        {
            std::string command = "rm -rf '" + path + "'";
            if (std::system(command.c_str()) != 0)
            {
                std::cerr << "could not remove " << path << std::endl;
            }
        }
    }
};

TempCleanup*
Cleanup()
{
    static TempCleanup* cleanup =
        static_cast<TempCleanup*>(testing::AddGlobalTestEnvironment(new TempCleanup));
    return cleanup;
}

} // namespace

void
RemoveWhenPassed(const std::string& path)
{
    Cleanup()->paths.push_back(path);
}

uint8_t
PatternByte(uint64_t i)
{
    uint64_t x = i * 0x9E3779B97F4A7C15ULL;
    return static_cast<uint8_t>((x >> 29) ^ (x >> 47) ^ i);
}

TwoNodes::TwoNodes(const TwoNodesOptions& options)
    : m_options(options)
{
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(options.rngRun);
    // Both TCPs with the same segment size: a fair comparison and fewer segments to decode.
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));
    Config::SetDefault("ns3::TcpSocket::DataRetries", UintegerValue(15));

    // Per process: several checkouts may run these tests at once on one machine.
    m_dir = testing::TempDir() + "handshake-tcp-tests-" + std::to_string(getpid());
    std::string mkdir = "mkdir -p '" + m_dir + "'";
    EXPECT_EQ(std::system(mkdir.c_str()), 0);
    RemoveWhenPassed(m_dir);
    std::remove(ClientPcap().c_str());
    std::remove(ServerPcap().c_str());

    m_nodes.Create(2);
    InternetStackHelper stock;
    stock.SetIpv6StackInstall(false);
    HandshakeTcpStackHelper ours;
    Stack stacks[2] = {options.client, options.server};
    for (uint32_t i = 0; i < 2; ++i)
    {
        if (stacks[i] == Stack::HANDSHAKE)
        {
            ours.Install(m_nodes.Get(i));
        }
        else
        {
            stock.Install(m_nodes.Get(i));
        }
    }
    HandshakeTcpStackHelper::AssignStreams(m_nodes, 100);

    PointToPointHelper link;
    link.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    link.SetChannelAttribute("Delay", StringValue("10ms"));
    NetDeviceContainer devices = link.Install(m_nodes);
    if (options.serverRxLoss > 0)
    {
        Ptr<RateErrorModel> errors = CreateObject<RateErrorModel>();
        errors->SetUnit(RateErrorModel::ERROR_UNIT_PACKET);
        errors->SetRate(options.serverRxLoss);
        errors->AssignStreams(200);
        devices.Get(1)->SetAttribute("ReceiveErrorModel", PointerValue(errors));
    }
    Ipv4AddressHelper addresses("10.0.0.0", "255.255.255.0");
    Ipv4InterfaceContainer interfaces = addresses.Assign(devices);
    m_serverAddress = interfaces.GetAddress(1);
    link.EnablePcap(ClientPcap(), devices.Get(0), false, true);
    link.EnablePcap(ServerPcap(), devices.Get(1), false, true);
}

TwoNodes::~TwoNodes()
{
    if (!m_destroyed)
    {
        Simulator::Destroy();
    }
}

Ptr<Socket>
TwoNodes::ClientSocket() const
{
    return Socket::CreateSocket(Client(), TcpSocketFactory::GetTypeId());
}

Ptr<Socket>
TwoNodes::ServerSocket() const
{
    return Socket::CreateSocket(Server(), TcpSocketFactory::GetTypeId());
}

Address
TwoNodes::ServerAddress(uint16_t port) const
{
    return InetSocketAddress(m_serverAddress, port);
}

void
TwoNodes::Run(Time limit)
{
    Simulator::Stop(limit);
    Simulator::Run();
    Simulator::Destroy(); // closes the pcap files
    m_destroyed = true;
}

// ---- ByteSender ------------------------------------------------------------------------------

ByteSender::ByteSender(Ptr<Socket> s, uint64_t total)
    : socket(s),
      m_total(total)
{
}

void
ByteSender::Start(const Address& server, Time at)
{
    socket->SetConnectCallback(
        [this](Ptr<Socket>) {
            connected = true;
            connectedAt = Simulator::Now();
            Pump();
        },
        [this](Ptr<Socket>) { failed = true; });
    socket->SetSendCallback([this](Ptr<Socket>, uint32_t) {
        if (connected)
        {
            Pump();
        }
    });
    socket->SetCloseCallbacks([this](Ptr<Socket>) { closedNormally = true; },
                              [this](Ptr<Socket>) { closedWithError = true; });
    Simulator::Schedule(at, [this, server]() { socket->Connect(server); });
}

void
ByteSender::Pump()
{
    while (queued < m_total)
    {
        uint64_t n = std::min<uint64_t>({m_total - queued, socket->GetTxAvailable(), 8192});
        if (n == 0)
        {
            return;
        }
        std::vector<uint8_t> bytes(n);
        for (uint64_t i = 0; i < n; ++i)
        {
            bytes[i] = PatternByte(queued + i);
        }
        int sent = socket->Send(Create<Packet>(bytes.data(), static_cast<uint32_t>(n)));
        if (sent <= 0)
        {
            return;
        }
        queued += static_cast<uint64_t>(sent);
    }
    if (!m_closeSent)
    {
        m_closeSent = true;
        socket->Close();
    }
}

// ---- ByteReceiver ----------------------------------------------------------------------------

ByteReceiver::ByteReceiver(Ptr<Socket> listener, uint16_t port, Time closeDelay)
    : m_listener(listener),
      m_closeDelay(closeDelay)
{
    listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                [this](Ptr<Socket> s, const Address&) {
                                    accepted = true;
                                    connection = s;
                                    s->SetRecvCallback([this](Ptr<Socket> c) { Read(c); });
                                    s->SetCloseCallbacks([this](Ptr<Socket> c) { PeerClosed(c); },
                                                         [](Ptr<Socket>) {});
                                    Read(s);
                                });
    EXPECT_EQ(listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), port)), 0);
    EXPECT_EQ(listener->Listen(), 0);
}

void
ByteReceiver::Read(Ptr<Socket> socket)
{
    while (Ptr<Packet> packet = socket->Recv())
    {
        if (packet->GetSize() == 0)
        {
            PeerClosed(socket);
            return;
        }
        size_t before = data.size();
        data.resize(before + packet->GetSize());
        packet->CopyData(data.data() + before, packet->GetSize());
        if (expected && data.size() >= expected && completedAt.IsZero())
        {
            completedAt = Simulator::Now();
        }
    }
}

void
ByteReceiver::PeerClosed(Ptr<Socket> socket)
{
    if (eof)
    {
        return;
    }
    // Read what is left first: ns-3's TCP reports the FIN before the last bytes are read.
    eof = true;
    Read(socket);
    if (m_closeDelay.IsStrictlyNegative())
    {
        return;
    }
    if (m_closeDelay.IsZero())
    {
        DoClose();
    }
    else
    {
        Simulator::Schedule(m_closeDelay, &ByteReceiver::DoClose, this);
    }
}

void
ByteReceiver::DoClose()
{
    if (!closed)
    {
        closed = true;
        connection->Close();
    }
}

std::string
ByteReceiver::CheckContent(uint64_t n) const
{
    if (data.size() != n)
    {
        return "received " + std::to_string(data.size()) + " bytes, expected " + std::to_string(n);
    }
    for (uint64_t i = 0; i < n; ++i)
    {
        if (data[i] != PatternByte(i))
        {
            return "first difference at byte " + std::to_string(i);
        }
    }
    return "";
}

void
InjectSegment(Ptr<Node> node, Ipv4Address source, Ipv4Address destination, TcpHeader header)
{
    header.EnableChecksums();
    header.InitializeChecksum(source, destination, 6);
    Ptr<Packet> packet = Create<Packet>();
    packet->AddHeader(header);
    Ipv4Header ip;
    ip.SetSource(source);
    ip.SetDestination(destination);
    ip.SetProtocol(6);
    node->GetObject<HandshakeTcpL4Protocol>()->Receive(packet, ip, nullptr);
}

std::vector<DecodedPacket>
DecodeClean(const std::string& pcap)
{
    auto decoded = PcapChecker::Decode(pcap);
    EXPECT_EQ(decoded.error, "") << pcap;
    EXPECT_FALSE(decoded.packets.empty()) << pcap;
    for (const auto& p : decoded.packets)
    {
        EXPECT_FALSE(p.malformed) << pcap << ": " << p.Describe();
        EXPECT_EQ(p.ipChecksum, ChecksumStatus::GOOD) << pcap << ": " << p.Describe();
        EXPECT_EQ(p.tcpChecksum, ChecksumStatus::GOOD) << pcap << ": " << p.Describe();
    }
    return decoded.packets;
}

std::string
FlagSequence(const std::vector<DecodedPacket>& packets, size_t count)
{
    std::ostringstream out;
    for (size_t i = 0; i < std::min(count, packets.size()); ++i)
    {
        const auto& p = packets[i];
        out << (i ? "," : "");
        if (p.Has(DecodedPacket::SYN))
        {
            out << "S";
        }
        if (p.Has(DecodedPacket::FIN))
        {
            out << "F";
        }
        if (p.Has(DecodedPacket::RST))
        {
            out << "R";
        }
        if (p.Has(DecodedPacket::ACK))
        {
            out << "A";
        }
    }
    return out.str();
}

} // namespace handshake::test
