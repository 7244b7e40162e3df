// The core's rules for segments that match no connection: a listener's decisions (RFC 9293
// 3.10.7.2, SYN cookies of RFC 4987 3.6, the queue and connection caps), the RST for a stray
// segment (3.10.7.1), and the header layout check every received segment passes first.
#include "ns3/tcp-header-check.h"
#include "ns3/tcp-listener.h"
#include "ns3/tcp-reset-reply.h"

#include <gtest/gtest.h>

#include <vector>

namespace ns3
{
namespace handshake
{
namespace
{

using namespace std::chrono_literals;
using Verdict = TcpListener::Verdict;

constexpr uint32_t PEER_ISN = 5000;

TcpFourTuple
Tuple()
{
    TcpFourTuple tuple;
    tuple.localAddress.length = 4;
    tuple.localAddress.bytes = {10, 0, 0, 1};
    tuple.localPort = 80;
    tuple.remoteAddress.length = 4;
    tuple.remoteAddress.bytes = {10, 1, 2, 3};
    tuple.remotePort = 40000;
    return tuple;
}

TcpSegment
Segment(uint8_t flags, uint32_t seq = PEER_ISN, uint32_t ack = 0)
{
    TcpSegment segment;
    segment.sourcePort = 40000;
    segment.destinationPort = 80;
    segment.seq = seq;
    segment.ack = ack;
    segment.flags = flags;
    return segment;
}

TcpSegment
Syn()
{
    TcpSegment syn = Segment(TcpSegment::SYN);
    syn.mss = 1460;
    return syn;
}

class Listener : public ::testing::Test
{
  protected:
    Verdict Deliver(const TcpSegment& segment, TcpTime now = 1s)
    {
        m_last = m_listener.OnSegment(segment, Tuple(), m_load, m_cookies, now);
        return m_last.verdict;
    }

    TcpListenerConfig& Config() { return m_listener.Configure(); }

    TcpListener m_listener;
    TcpListenerLoad m_load;
    TcpSynCookie m_cookies{SipHashKey{1, 2, 3}};
    TcpListener::Decision m_last;
};

// ---- RFC 9293 3.10.7.2, LISTEN ------------------------------------------------------------------

TEST_F(Listener, IgnoresAReset)
{
    EXPECT_EQ(Deliver(Segment(TcpSegment::RST)), Verdict::IGNORE);
    EXPECT_EQ(Deliver(Segment(TcpSegment::RST | TcpSegment::ACK, 1, 2)), Verdict::IGNORE);
    EXPECT_FALSE(m_last.reply.has_value());
}

TEST_F(Listener, AnswersAnAckWithAReset)
{
    EXPECT_EQ(Deliver(Segment(TcpSegment::ACK | TcpSegment::PSH, 7, 777)), Verdict::RESET);
    ASSERT_TRUE(m_last.reply.has_value());
    EXPECT_EQ(m_last.reply->flags, TcpSegment::RST); // <SEQ=SEG.ACK><CTL=RST>
    EXPECT_EQ(m_last.reply->seq, 777u);
    EXPECT_FALSE(m_last.cookieRejected) << "no cookie was sent: none looked for";
}

TEST_F(Listener, DropsWhatIsNeitherSynNorAck)
{
    EXPECT_EQ(Deliver(Segment(TcpSegment::FIN)), Verdict::NOT_SYN);
    EXPECT_EQ(Deliver(Segment(0)), Verdict::NOT_SYN);
}

TEST_F(Listener, OpensForASynWhileTheSynQueueHasRoom)
{
    m_load.synQueue = 127;
    EXPECT_EQ(Deliver(Syn()), Verdict::OPEN);
}

TEST_F(Listener, DropsASynBeyondTheSynQueueWithoutCookies)
{
    Config().synCookies = TcpSynCookieMode::OFF;
    m_load.synQueue = 128;
    EXPECT_EQ(Deliver(Syn()), Verdict::SYN_QUEUE_FULL);
}

TEST_F(Listener, AnswersASynBeyondTheSynQueueWithACookie)
{
    m_load.synQueue = 128; // OnOverflow, Linux's default
    EXPECT_EQ(Deliver(Syn()), Verdict::SEND_COOKIE);
    Config().synCookies = TcpSynCookieMode::ALWAYS;
    m_load.synQueue = 0;
    EXPECT_EQ(Deliver(Syn()), Verdict::SEND_COOKIE);
}

TEST_F(Listener, TheConnectionCapDropsQueuedSynsButNotStatelessOnes)
{
    m_load.connectionLimitReached = true;
    EXPECT_EQ(Deliver(Syn()), Verdict::CONNECTION_LIMIT);
    Config().synCookies = TcpSynCookieMode::ALWAYS;
    EXPECT_EQ(Deliver(Syn()), Verdict::SEND_COOKIE) << "a cookie keeps no state";
}

// ---- SYN cookies (RFC 4987 3.6) -----------------------------------------------------------------

TEST_F(Listener, AnAckReturningTheCookieOpensWithTheCookieAsIss)
{
    TcpConfig config;
    TcpSegment synAck = m_listener.CookieSynAck(Syn(), Tuple(), config, m_cookies, 1s);
    EXPECT_EQ(synAck.flags, TcpSegment::SYN | TcpSegment::ACK);
    EXPECT_EQ(synAck.ack, PEER_ISN + 1);
    EXPECT_FALSE(synAck.windowScale.has_value()) << "nothing kept to honour it";

    EXPECT_EQ(Deliver(Segment(TcpSegment::ACK, PEER_ISN + 1, synAck.seq + 1), 2s),
              Verdict::OPEN_FROM_COOKIE);
    EXPECT_EQ(m_last.cookieIss, synAck.seq);
    EXPECT_EQ(m_last.cookiePeerMss, 1460);
}

TEST_F(Listener, AnAckWithoutTheCookieIsRejectedAndReset)
{
    TcpSegment synAck = m_listener.CookieSynAck(Syn(), Tuple(), TcpConfig{}, m_cookies, 1s);
    EXPECT_EQ(Deliver(Segment(TcpSegment::ACK, PEER_ISN + 1, synAck.seq + 2), 2s), Verdict::RESET);
    EXPECT_TRUE(m_last.cookieRejected);
    ASSERT_TRUE(m_last.reply.has_value());
    EXPECT_EQ(m_last.reply->seq, synAck.seq + 2);
}

TEST_F(Listener, CookiesAreLookedForOnlyWithinTheirLifetime)
{
    TcpSegment synAck = m_listener.CookieSynAck(Syn(), Tuple(), TcpConfig{}, m_cookies, 1s);
    TcpSegment ack = Segment(TcpSegment::ACK, PEER_ISN + 1, synAck.seq + 2);
    EXPECT_EQ(Deliver(ack, 1s + TcpListener::COOKIE_LIFETIME + 1ns), Verdict::RESET);
    EXPECT_FALSE(m_last.cookieRejected) << "no cookie out any more: a plain stray ACK";
}

TEST_F(Listener, AValidCookieMeetsTheAcceptQueueAndTheConnectionCap)
{
    TcpSegment synAck = m_listener.CookieSynAck(Syn(), Tuple(), TcpConfig{}, m_cookies, 1s);
    TcpSegment ack = Segment(TcpSegment::ACK, PEER_ISN + 1, synAck.seq + 1);
    m_load.acceptQueue = 128;
    EXPECT_EQ(Deliver(ack, 2s), Verdict::ACCEPT_QUEUE_FULL);
    m_load.acceptQueue = 0;
    m_load.connectionLimitReached = true;
    EXPECT_EQ(Deliver(ack, 2s), Verdict::CONNECTION_LIMIT);
}

TEST_F(Listener, TheAcceptQueueLimitGatesTheHandshakeAck)
{
    Config().acceptQueueLimit = 2;
    EXPECT_TRUE(m_listener.AcceptQueueHasRoom(1));
    EXPECT_FALSE(m_listener.AcceptQueueHasRoom(2));
}

// ---- RFC 9293 3.10.7.1: no connection, no listener ------------------------------------------------

TEST(TcpResetReply, ForASegmentWithoutAck)
{
    TcpSegment syn = Segment(TcpSegment::SYN, 1000);
    auto rst = ResetReplyTo(syn);
    ASSERT_TRUE(rst.has_value());
    // <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>; the SYN counts in SEG.LEN.
    EXPECT_EQ(rst->flags, TcpSegment::RST | TcpSegment::ACK);
    EXPECT_EQ(rst->seq, 0u);
    EXPECT_EQ(rst->ack, 1001u);
    EXPECT_EQ(rst->sourcePort, 80);
    EXPECT_EQ(rst->destinationPort, 40000);

    TcpSegment data = Segment(TcpSegment::FIN, 7);
    data.payload.resize(10);
    EXPECT_EQ(ResetReplyTo(data)->ack, 18u);
}

TEST(TcpResetReply, ForASegmentWithAck)
{
    auto rst = ResetReplyTo(Segment(TcpSegment::ACK | TcpSegment::PSH, 5, 777));
    ASSERT_TRUE(rst.has_value());
    EXPECT_EQ(rst->flags, TcpSegment::RST); // <SEQ=SEG.ACK><CTL=RST>
    EXPECT_EQ(rst->seq, 777u);
}

TEST(TcpResetReply, NoneForAReset)
{
    EXPECT_FALSE(ResetReplyTo(Segment(TcpSegment::RST | TcpSegment::ACK)).has_value());
}

// ---- RFC 9293 3.1: the header's layout ------------------------------------------------------------

/** A 20-byte header with \p options appended and the data offset set to cover them. */
std::vector<uint8_t>
Header(std::vector<uint8_t> options)
{
    std::vector<uint8_t> bytes(20, 0);
    for (uint8_t byte : options)
    {
        bytes.push_back(byte);
    }
    while (bytes.size() % 4 != 0)
    {
        bytes.push_back(0);
    }
    bytes[12] = static_cast<uint8_t>((bytes.size() / 4) << 4);
    return bytes;
}

uint32_t
Check(const std::vector<uint8_t>& bytes)
{
    return TcpHeaderCheck::WellFormedLength(bytes.data(), bytes.size());
}

TEST(TcpHeaderCheck, AcceptsLinuxsSynOptions)
{
    // MSS 1460, SACK permitted, timestamps, NOP, window scale 7: Linux's SYN, 40 bytes.
    auto syn = Header({2, 4, 0x05, 0xb4, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7});
    EXPECT_EQ(Check(syn), 40u);
    EXPECT_EQ(Check(Header({})), 20u);
}

TEST(TcpHeaderCheck, RejectsADataOffsetOutsideTheSegment)
{
    auto header = Header({});
    header[12] = 4 << 4; // 16 bytes: shorter than the fixed header
    EXPECT_EQ(Check(header), 0u);
    header[12] = 6 << 4; // 24 bytes, but only 20 there
    EXPECT_EQ(Check(header), 0u);
    EXPECT_EQ(TcpHeaderCheck::WellFormedLength(header.data(), 19), 0u);
}

TEST(TcpHeaderCheck, RejectsIllegalOptionLengths)
{
    EXPECT_EQ(Check(Header({2, 3, 5})), 0u) << "MSS is 4 bytes";
    EXPECT_EQ(Check(Header({3, 4, 7, 0})), 0u) << "window scale is 3 bytes";
    EXPECT_EQ(Check(Header({8, 9, 0, 0, 0, 0, 0, 0, 0})), 0u) << "timestamps are 10 bytes";
    EXPECT_EQ(Check(Header({5, 11, 0, 0, 0, 0, 0, 0, 0, 0, 0})), 0u) << "SACK: 2 + 8n bytes";
    EXPECT_EQ(Check(Header({99, 0})), 0u) << "length 0 would loop for ever (MUST-7)";
    EXPECT_EQ(Check(Header({99, 1})), 0u);
    EXPECT_EQ(Check(Header({1, 1, 1, 99, 6, 0})), 0u) << "runs past the data offset";
}

TEST(TcpHeaderCheck, SkipsUnknownKindsAndStopsAtEndOfOptions)
{
    EXPECT_EQ(Check(Header({99, 4, 0, 0})), 24u) << "MUST-5: skipped by its length";
    EXPECT_EQ(Check(Header({0, 2, 3, 5})), 24u) << "after END all is padding";
    EXPECT_EQ(Check(Header({5, 10, 0, 0, 0, 1, 0, 0, 0, 2})), 32u) << "one SACK block";
}

} // namespace
} // namespace handshake
} // namespace ns3
