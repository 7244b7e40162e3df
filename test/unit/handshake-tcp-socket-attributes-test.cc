// HandshakeTcpSocket's attributes: ns3::TcpSocket's own map onto the core's TcpConfig, ours cover the
// rest, with the cited defaults.
#include "ns3/boolean.h"
#include "ns3/config.h"
#include "ns3/handshake-module.h"
#include "ns3/nstime.h"
#include "ns3/string.h"
#include "ns3/tcp-socket.h"
#include "ns3/uinteger.h"

#include <gtest/gtest.h>

#include <chrono>

using namespace ns3;
using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(HandshakeTcpSocketAttributes, DefaultsAreTheLinuxProfile)
{
    Ptr<HandshakeTcpSocket> socket = CreateObject<HandshakeTcpSocket>();
    const auto& config = socket->GetConfig();
    EXPECT_EQ(socket->GetProfile(), handshake::TcpProfile::LINUX);
    // ns3::TcpSocket's own defaults (SegmentSize 536, DelAckTimeout 200 ms, DataRetries 6,
    // TcpNoDelay true) do not leak in: the profile's values do.
    EXPECT_EQ(config.mss, 1460);
    EXPECT_EQ(config.delayedAckTimeout, milliseconds(40)); // TCP_DELACK_MIN
    EXPECT_EQ(config.dataRetries, 15u);                    // tcp_retries2
    EXPECT_EQ(config.synRetries, 6u);                      // tcp_syn_retries
    EXPECT_FALSE(config.noDelay);                          // Nagle on
    EXPECT_EQ(config.initialCwndSegments, 10u);            // TCP_INIT_CWND
    EXPECT_EQ(config.initialRto, seconds(1));              // TCP_TIMEOUT_INIT
    EXPECT_EQ(config.minRto, milliseconds(200));           // TCP_RTO_MIN
    EXPECT_EQ(config.maxRto, seconds(120));                // TCP_RTO_MAX
    EXPECT_EQ(config.msl, seconds(30));                    // TIME_WAIT 60 s
    EXPECT_EQ(config.windowScale, 7);
    EXPECT_TRUE(config.sack);
    EXPECT_TRUE(config.timestamps);
    EXPECT_EQ(config.lossRecovery, handshake::TcpLossRecovery::RACK_TLP);
    // What the attributes report is what the core gets.
    UintegerValue segmentSize;
    socket->GetAttribute("SegmentSize", segmentSize);
    EXPECT_EQ(segmentSize.Get(), 1460u);
    TimeValue delAck;
    socket->GetAttribute("DelAckTimeout", delAck);
    EXPECT_EQ(delAck.Get(), MilliSeconds(40));
}

TEST(HandshakeTcpSocketAttributes, RfcProfileTakesTheRfcsValues)
{
    Ptr<HandshakeTcpSocket> socket = CreateObject<HandshakeTcpSocket>();
    socket->SetAttribute("MinRto", TimeValue(MilliSeconds(300))); // explicit: stays
    socket->SetAttribute("Profile", StringValue("Rfc"));
    const auto& config = socket->GetConfig();
    EXPECT_EQ(config.msl, seconds(120)); // RFC 9293 3.4.2
    EXPECT_EQ(config.maxRto, seconds(60));
    EXPECT_EQ(config.minRto, milliseconds(300));
    EXPECT_EQ(config.congestionControl, "NewReno");
    EXPECT_EQ(config.lossRecovery, handshake::TcpLossRecovery::RFC6675);
    EXPECT_EQ(config.mss, 1460); // both profiles
    EXPECT_TRUE(socket->IsExplicit(HandshakeTcpSocket::MIN_RTO));
    EXPECT_FALSE(socket->IsExplicit(HandshakeTcpSocket::MSL));
    TypeIdValue recovery;
    socket->GetAttribute("Recovery", recovery);
    EXPECT_EQ(recovery.Get(), HandshakeTcpRfc6675::GetTypeId());
}

/** Sets a default as a program would, and puts the very value object back afterwards, so that
 *  later tests in this process see the shipped default again. */
class ScopedDefault
{
  public:
    ScopedDefault(TypeId tid, const std::string& name, const AttributeValue& value)
        : m_tid(tid)
    {
        for (size_t i = 0; i < tid.GetAttributeN(); ++i)
        {
            if (tid.GetAttribute(i).name == name)
            {
                m_index = i;
                m_saved = tid.GetAttribute(i).initialValue;
            }
        }
        Config::SetDefault(tid.GetName() + "::" + name, value);
    }

    ~ScopedDefault()
    {
        m_tid.SetAttributeInitialValue(m_index, m_saved);
    }

  private:
    TypeId m_tid;
    size_t m_index{0};
    Ptr<const AttributeValue> m_saved;
};

TEST(HandshakeTcpSocketAttributes, ExplicitDefaultWinsEvenWhenItEqualsNs3s)
{
    {
        // ns-3's own default of SegmentSize is 536: setting it explicitly must give 536.
        ScopedDefault mss(TcpSocket::GetTypeId(), "SegmentSize", UintegerValue(536));
        ScopedDefault profile(HandshakeTcpSocket::GetTypeId(), "Profile", StringValue("Rfc"));
        Ptr<HandshakeTcpSocket> socket = CreateObject<HandshakeTcpSocket>();
        EXPECT_EQ(socket->GetConfig().mss, 536);
        EXPECT_TRUE(socket->IsExplicit(HandshakeTcpSocket::MSS));
        EXPECT_EQ(socket->GetConfig().msl, seconds(120)); // Rfc
        EXPECT_EQ(socket->GetConfig().delayedAckTimeout, milliseconds(200)); // Rfc's
    }
    Ptr<HandshakeTcpSocket> socket = CreateObject<HandshakeTcpSocket>();
    EXPECT_EQ(socket->GetConfig().mss, 1460);
    EXPECT_FALSE(socket->IsExplicit(HandshakeTcpSocket::MSS));
}

TEST(HandshakeTcpSocketAttributes, StrategiesAreChosenByTypeId)
{
    Ptr<HandshakeTcpSocket> socket = CreateObject<HandshakeTcpSocket>();
    EXPECT_TRUE(socket->SetAttributeFailSafe("CongestionControl",
                                             TypeIdValue(HandshakeTcpNewReno::GetTypeId())));
    EXPECT_EQ(socket->GetConfig().congestionControl, "NewReno");
    EXPECT_TRUE(socket->SetAttributeFailSafe("CongestionControl",
                                             StringValue("ns3::HandshakeTcpCubic")));
    EXPECT_EQ(socket->GetConfig().congestionControl, "Cubic");
    // Stock TCP's strategies are not ours: refused, nothing changes.
    EXPECT_FALSE(socket->SetAttributeFailSafe("CongestionControl", StringValue("ns3::TcpNewReno")));
    EXPECT_EQ(socket->GetConfig().congestionControl, "Cubic");
    EXPECT_TRUE(socket->SetAttributeFailSafe("Recovery", StringValue("ns3::HandshakeTcpRfc6675")));
    EXPECT_EQ(socket->GetConfig().lossRecovery, handshake::TcpLossRecovery::RFC6675);
}

TEST(HandshakeTcpSocketAttributes, TcpSocketAttributesReachTheCoreConfig)
{
    Ptr<HandshakeTcpSocket> socket = CreateObject<HandshakeTcpSocket>();
    socket->SetAttribute("SegmentSize", UintegerValue(1448));
    socket->SetAttribute("SndBufSize", UintegerValue(65536));
    socket->SetAttribute("RcvBufSize", UintegerValue(32768));
    socket->SetAttribute("InitialCwnd", UintegerValue(4));
    socket->SetAttribute("InitialSlowStartThreshold", UintegerValue(100000));
    socket->SetAttribute("ConnCount", UintegerValue(3)); // ns-3 names SynRetries so
    socket->SetAttribute("DataRetries", UintegerValue(9));
    socket->SetAttribute("DelAckTimeout", TimeValue(MilliSeconds(40)));
    socket->SetAttribute("PersistTimeout", TimeValue(MilliSeconds(500)));
    const auto& config = socket->GetConfig();
    EXPECT_EQ(config.mss, 1448);
    EXPECT_EQ(config.sendBufferBytes, 65536u);
    EXPECT_EQ(config.receiveBufferBytes, 32768u);
    EXPECT_EQ(config.initialCwndSegments, 4u);
    EXPECT_EQ(config.initialSsthresh, 100000u);
    EXPECT_EQ(config.synRetries, 3u);
    EXPECT_EQ(config.dataRetries, 9u);
    EXPECT_EQ(config.delayedAckTimeout, milliseconds(40));
    EXPECT_EQ(config.persistMin, milliseconds(500));
    EXPECT_EQ(socket->GetTxAvailable(), 65536u);
}

TEST(HandshakeTcpSocketAttributes, OwnAttributesReachTheCoreConfig)
{
    Ptr<HandshakeTcpSocket> socket = CreateObject<HandshakeTcpSocket>();
    socket->SetAttribute("InitialRto", TimeValue(MilliSeconds(300)));
    socket->SetAttribute("MinRto", TimeValue(MilliSeconds(200)));
    socket->SetAttribute("MaxRto", TimeValue(Seconds(120)));
    socket->SetAttribute("Msl", TimeValue(Seconds(30)));
    socket->SetAttribute("PersistMax", TimeValue(Seconds(10)));
    socket->SetAttribute("WindowScale", UintegerValue(0));
    EXPECT_EQ(socket->GetConfig().synAckRetries, 5u); // Linux's tcp_synack_retries
    socket->SetAttribute("SynAckRetries", UintegerValue(2));
    const auto& config = socket->GetConfig();
    EXPECT_EQ(config.initialRto, milliseconds(300));
    EXPECT_EQ(config.minRto, milliseconds(200));
    EXPECT_EQ(config.maxRto, seconds(120));
    EXPECT_EQ(config.msl, seconds(30));
    EXPECT_EQ(config.persistMax, seconds(10));
    EXPECT_EQ(config.windowScale, 0);
    EXPECT_EQ(config.synAckRetries, 2u);
}

TEST(HandshakeTcpSocketAttributes, ConfigSetDefaultReachesNewSockets)
{
    ScopedDefault msl(HandshakeTcpSocket::GetTypeId(), "Msl", TimeValue(Seconds(1)));
    Ptr<HandshakeTcpSocket> socket = CreateObject<HandshakeTcpSocket>();
    EXPECT_EQ(socket->GetConfig().msl, seconds(1));
}

/** Every attribute of \p socket, along its TypeId and parents, as "Type::Name=value" lines. */
std::vector<std::string>
AttributeValues(Ptr<HandshakeTcpSocket> socket)
{
    std::vector<std::string> values;
    for (TypeId tid = socket->GetInstanceTypeId();; tid = tid.GetParent())
    {
        for (size_t i = 0; i < tid.GetAttributeN(); ++i)
        {
            TypeId::AttributeInformation info = tid.GetAttribute(i);
            if (!(info.flags & TypeId::ATTR_GET) || !info.accessor->HasGetter())
            {
                continue;
            }
            Ptr<AttributeValue> value = info.checker->Create();
            socket->GetAttribute(info.name, *value);
            values.push_back(tid.GetName() + "::" + info.name + "=" +
                             value->SerializeToString(info.checker));
        }
        if (tid.GetParent() == tid)
        {
            break;
        }
    }
    return values;
}

TEST(HandshakeTcpSocketAttributes, APrototypeCopyIsTheSocketConstructionMakes)
{
    // HandshakeTcpL4Protocol::CreateSocket copies a prototype instead of constructing (issue
    // [bench]): the copy must be what construction gives, defaults changed between sockets
    // included, and what is set on one socket must not reach the next.
    Ptr<HandshakeTcpSocket> first = HandshakeTcpSocketPrototype::Create();
    EXPECT_EQ(AttributeValues(first), AttributeValues(CreateObject<HandshakeTcpSocket>()));
    EXPECT_EQ(first->GetConfig().mss, 1460);
    first->SetAttribute("Msl", TimeValue(Seconds(5)));
    {
        ScopedDefault mss(TcpSocket::GetTypeId(), "SegmentSize", UintegerValue(1000));
        ScopedDefault profile(HandshakeTcpSocket::GetTypeId(), "Profile", StringValue("Rfc"));
        Ptr<HandshakeTcpSocket> changed = HandshakeTcpSocketPrototype::Create();
        EXPECT_EQ(AttributeValues(changed), AttributeValues(CreateObject<HandshakeTcpSocket>()));
        EXPECT_EQ(changed->GetConfig().mss, 1000);
        EXPECT_TRUE(changed->IsExplicit(HandshakeTcpSocket::MSS));
        EXPECT_EQ(changed->GetConfig().msl, seconds(120)); // Rfc
    }
    Ptr<HandshakeTcpSocket> after = HandshakeTcpSocketPrototype::Create();
    EXPECT_NE(PeekPointer(after), PeekPointer(first));
    EXPECT_EQ(AttributeValues(after), AttributeValues(CreateObject<HandshakeTcpSocket>()));
    EXPECT_EQ(after->GetConfig().mss, 1460);
    EXPECT_FALSE(after->IsExplicit(HandshakeTcpSocket::MSS));
    EXPECT_EQ(after->GetConfig().msl, seconds(30)); // not the 5 s set on the first socket
    EXPECT_FALSE(after->IsExplicit(HandshakeTcpSocket::MSL));
}
