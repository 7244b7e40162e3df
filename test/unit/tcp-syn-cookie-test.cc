// SYN cookies (RFC 4987 3.6): the cookie itself, and the core's stateless SYN-ACK and its
// passive open from the ACK that returns a cookie.
#include "tcp-test-fixture.h"

#include "ns3/tcp-syn-cookie.h"

namespace ns3
{
namespace handshake
{
namespace test
{
namespace
{

TcpFourTuple
Tuple(uint16_t remotePort = REMOTE_PORT)
{
    TcpFourTuple tuple;
    tuple.localAddress.length = 4;
    tuple.localAddress.bytes = {10, 0, 0, 1};
    tuple.localPort = 80;
    tuple.remoteAddress.length = 4;
    tuple.remoteAddress.bytes = {10, 1, 2, 3};
    tuple.remotePort = remotePort;
    return tuple;
}

SipHashKey
Key(uint8_t first)
{
    SipHashKey key{};
    for (size_t i = 0; i < key.size(); ++i)
    {
        key[i] = static_cast<uint8_t>(first + i);
    }
    return key;
}

TEST(TcpSynCookie, ChecksWhatItMadeAndCarriesTheMssRoundedDown)
{
    TcpSynCookie cookies(Key(1));
    TcpTime now = std::chrono::seconds(10);
    for (uint16_t mss : {536, 1000, 1460, 1500, 9000})
    {
        uint32_t cookie = cookies.Make(Tuple(), 777, mss, now);
        auto carried = cookies.Check(Tuple(), 777, cookie, now);
        ASSERT_TRUE(carried) << "mss " << mss;
        EXPECT_LE(*carried, std::max<uint16_t>(mss, 536));
        EXPECT_GE(*carried, 536);
    }
    EXPECT_EQ(*cookies.Check(Tuple(), 777, cookies.Make(Tuple(), 777, 1460, now), now), 1460);
    EXPECT_EQ(*cookies.Check(Tuple(), 777, cookies.Make(Tuple(), 777, 1459, now), now), 1440);
}

TEST(TcpSynCookie, RejectsAnotherTupleIsnKeyOrAnAlteredCookie)
{
    TcpSynCookie cookies(Key(1));
    TcpTime now = std::chrono::seconds(10);
    uint32_t cookie = cookies.Make(Tuple(), 777, 1460, now);
    EXPECT_FALSE(cookies.Check(Tuple(40000), 777, cookie, now));
    EXPECT_FALSE(cookies.Check(Tuple(), 778, cookie, now));
    EXPECT_FALSE(TcpSynCookie(Key(2)).Check(Tuple(), 777, cookie, now));
    EXPECT_FALSE(cookies.Check(Tuple(), 777, cookie ^ 1u, now));
    EXPECT_FALSE(cookies.Check(Tuple(), 777, cookie ^ (1u << 24), now)); // the MSS bits
}

TEST(TcpSynCookie, ExpiresAfterTwoPeriods)
{
    TcpSynCookie cookies(Key(1));
    TcpTime made = std::chrono::seconds(100); // period 1
    uint32_t cookie = cookies.Make(Tuple(), 9, 1460, made);
    EXPECT_TRUE(cookies.Check(Tuple(), 9, cookie, std::chrono::seconds(127)));  // period 1
    EXPECT_TRUE(cookies.Check(Tuple(), 9, cookie, std::chrono::seconds(191)));  // period 2
    EXPECT_FALSE(cookies.Check(Tuple(), 9, cookie, std::chrono::seconds(192))); // period 3
    EXPECT_FALSE(cookies.Check(Tuple(), 9, cookie, std::chrono::seconds(63)));  // before it
}

TEST(TcpSynCookie, GuessedAcksAlmostNeverPass)
{
    // 24 hash bits: a blind guess passes with probability 2^-24 per try (RFC 4987 3.6).
    TcpSynCookie cookies(Key(3));
    TcpTime now = std::chrono::seconds(1);
    int passed = 0;
    for (uint32_t guess = 0; guess < 200000; ++guess)
    {
        passed += cookies.Check(Tuple(), 1, guess * 2654435761u, now) ? 1 : 0;
    }
    EXPECT_LE(passed, 1);
}

class TcpCookieOpenTest : public TcpConnectionTest
{
};

TEST_F(TcpCookieOpenTest, StatelessSynAckCarriesTheCookieMssAndNoWindowScale)
{
    m_config.windowScale = 7;
    TcpSegment syn = Seg(SYN, REMOTE_ISS, 0);
    syn.mss = 1460;
    syn.windowScale = 7;
    TcpSegment synAck = TcpConnection::StatelessSynAck(m_config, syn, 0xC0FFEE00u);
    EXPECT_EQ(synAck.flags, SYN | ACK);
    EXPECT_EQ(synAck.seq, 0xC0FFEE00u);
    EXPECT_EQ(synAck.ack, REMOTE_ISS + 1);
    EXPECT_EQ(synAck.sourcePort, LOCAL_PORT);
    EXPECT_EQ(synAck.destinationPort, REMOTE_PORT);
    EXPECT_EQ(synAck.mss, std::optional<uint16_t>(m_config.mss));
    EXPECT_FALSE(synAck.windowScale) << "window scaling cannot be honoured without state";
    EXPECT_GT(synAck.window, 0);
    EXPECT_TRUE(TcpConnection::StatelessSynAck(m_config, Seg(ACK, 1, 2), 5).flags == 0);
}

TEST_F(TcpCookieOpenTest, AckWithDataAndFinOpensEstablishedAndDeliversIt)
{
    // The connection is built with ISS = the cookie = SEG.ACK - 1 (LOCAL_ISS here).
    TcpSegment ack = Seg(ACK | FIN, REMOTE_ISS + 1, LOCAL_ISS + 1, Bytes(100));
    Conn().AcceptCookie(ack, 1200, m_now);
    Drain();
    EXPECT_EQ(StatePath(), (std::vector<TcpState>{TcpState::SYN_RCVD, TcpState::ESTABLISHED,
                                                  TcpState::CLOSE_WAIT}));
    EXPECT_EQ(CountEvents(TcpEvent::ESTABLISHED), 1u);
    EXPECT_EQ(Conn().PeerMss(), 1200);
    EXPECT_EQ(ReadAll(), Bytes(100));
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 1 + 100 + 1);
    // Our data starts right after the cookie.
    SendBytes(Bytes(10));
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 102, 10);
}

TEST_F(TcpCookieOpenTest, PlainAckOpensAndTheMssBoundsOurSegments)
{
    Conn().AcceptCookie(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 1), 536, m_now);
    Drain();
    EXPECT_EQ(State(), TcpState::ESTABLISHED);
    ExpectNothingSent();
    SendBytes(Bytes(1000));
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 1, 536);
    ExpectSent(ACK, LOCAL_ISS + 1 + 536, REMOTE_ISS + 1, 1000 - 536);
}

TEST_F(TcpCookieOpenTest, IgnoredUnlessAFreshConnectionAndAPlainAck)
{
    Conn().AcceptCookie(Seg(SYN | ACK, REMOTE_ISS, LOCAL_ISS + 1), 536, m_now);
    Conn().AcceptCookie(Seg(RST | ACK, REMOTE_ISS + 1, LOCAL_ISS + 1), 536, m_now);
    Conn().AcceptCookie(Seg(FIN, REMOTE_ISS + 1, 0), 536, m_now);
    Drain();
    EXPECT_EQ(State(), TcpState::CLOSED);
    ExpectNothingSent();
}

} // namespace
} // namespace test
} // namespace handshake
} // namespace ns3
