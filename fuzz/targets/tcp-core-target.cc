// Fuzz target (1): one TcpConnection, driven by the scripted peer of tcp-state-driver.h into the
// state the first byte names, then a fuzzer-chosen sequence of peer segments, timer firings, clock
// moves and application calls. Every call is followed by the checks of doc/fuzzing.rst.
//
// Input: [state] [config bits] [peer SYN bits] then operations, each an opcode byte and its
// arguments (see Harness::Step). Payload bytes are not the fuzzer's: a byte at sequence number s
// is PEER_BYTES.At(s) from the peer and APP_BYTES.At(s) from our application, so every byte
// delivered or sent can be checked against the place it claims to come from.
#include "fuzz-check.h"
#include "fuzz-input.h"
#include "fuzz-targets.h"
#include "tcp-state-driver.h"

#include "ns3/tcp-connection.h"
#include "ns3/tcp-sequence.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>
#include <vector>

namespace ns3
{
namespace handshake
{
namespace fuzz
{
namespace
{

using namespace std::chrono_literals;
using test::LOCAL_ISS;
using test::LOCAL_PORT;
using test::REMOTE_ISS;
using test::REMOTE_PORT;

constexpr int MAX_OPERATIONS = 1000;

/** HANDSHAKE_FUZZ_TRACE=1 prints what each input does (to read a crash input). */
const bool g_trace = std::getenv("HANDSHAKE_FUZZ_TRACE") != nullptr;
#define TRACE(what)                                                                                \
    do                                                                                             \
    {                                                                                              \
        if (g_trace)                                                                               \
        {                                                                                          \
            std::cerr << what << "\n";                                                             \
        }                                                                                          \
    } while (false)

constexpr int STATE_COUNT = static_cast<int>(TcpState::TIME_WAIT) + 1;
constexpr size_t BUFFER_BYTES = 8192; //!< the most one Send or Receive operation moves

// The byte loops below are the harness's, not the code under test: no coverage feedback or
// comparison tracing for them (it was most of the time spent per input). Not inlined either: once
// inlined into an instrumented caller, clang instruments the loop after all.
#if defined(__clang__)
#define FUZZ_NO_COVERAGE __attribute__((no_sanitize("coverage"), noinline))
#else
#define FUZZ_NO_COVERAGE
#endif

/** The bytes of one side's stream: a function of their sequence numbers. */
struct Pattern
{
    uint32_t salt;

    uint8_t At(uint32_t seq) const
    {
        return static_cast<uint8_t>(((seq ^ salt) * 2654435761u) >> 24); // Knuth's hash
    }

    /** Writes the \p n bytes from sequence number \p seq on. */
    FUZZ_NO_COVERAGE void Fill(uint8_t* out, size_t n, uint32_t seq) const
    {
        for (size_t i = 0; i < n; ++i)
        {
            out[i] = At(seq + static_cast<uint32_t>(i));
        }
    }

    /** The index of the first of \p n bytes that is not the byte at \p seq + index, or n. */
    FUZZ_NO_COVERAGE size_t FirstMismatch(const uint8_t* data, size_t n, uint32_t seq) const
    {
        size_t i = 0;
        while (i < n && data[i] == At(seq + static_cast<uint32_t>(i)))
        {
            ++i;
        }
        return i;
    }
};

const Pattern PEER_BYTES{0x5EEDu};
const Pattern APP_BYTES{0xA99u};

/** RFC 9293 3.3.2 (figure 5) plus the core's documented extras (doc/tcp-core.rst). */
bool
LegalTransition(TcpState from, TcpState to)
{
    using S = TcpState;
    if (to == S::CLOSED)
    {
        return from != S::CLOSED; // abort, reset, timeout and the normal ends
    }
    switch (from)
    {
    case S::CLOSED:
        return to == S::LISTEN || to == S::SYN_SENT || to == S::SYN_RCVD;
    case S::LISTEN:
        return to == S::SYN_RCVD || to == S::SYN_SENT; // Connect on a listener (3.10.1)
    case S::SYN_SENT:
        return to == S::SYN_RCVD || to == S::ESTABLISHED;
    case S::SYN_RCVD:
        return to == S::ESTABLISHED || to == S::FIN_WAIT_1 || to == S::LISTEN ||
               to == S::CLOSE_WAIT;
    case S::ESTABLISHED:
        return to == S::FIN_WAIT_1 || to == S::CLOSE_WAIT;
    case S::FIN_WAIT_1:
        return to == S::FIN_WAIT_2 || to == S::CLOSING || to == S::TIME_WAIT;
    case S::FIN_WAIT_2:
        return to == S::TIME_WAIT;
    case S::CLOSE_WAIT:
        return to == S::LAST_ACK;
    case S::CLOSING:
        return to == S::TIME_WAIT;
    default: // LAST_ACK and TIME_WAIT only close
        return false;
    }
}

TcpConfig
ConfigFrom(uint8_t bits)
{
    // Small buffers and MSS reach zero windows, persist probes and SWS rules in a few steps.
    static const uint32_t BUFFERS[] = {131072, 4000, 1000, 1};
    TcpConfig config;
    config.receiveBufferBytes = BUFFERS[bits & 3];
    config.sendBufferBytes = BUFFERS[(bits >> 2) & 3];
    config.delayedAckTimeout = (bits & 0x10) ? TcpTime(40ms) : TcpTime(0);
    config.windowScale = (bits & 0x20) ? 2 : 0;
    config.mss = (bits & 0x40) ? 100 : 1460;
    config.dataRetries = (bits & 0x80) ? 2 : 15; // reach the retry limits quickly too
    config.synRetries = (bits & 0x80) ? 1 : 6;
    return config;
}

test::PeerSyn
PeerSynFrom(uint8_t bits)
{
    static const uint16_t WINDOWS[] = {65535, 1000, 0, 1};
    static const std::optional<uint16_t> MSS[] = {uint16_t{1000}, std::nullopt, uint16_t{1}, uint16_t{65535}};
    test::PeerSyn peer;
    peer.window = WINDOWS[bits & 3];
    peer.mss = MSS[(bits >> 2) & 3];
    if (bits & 0x10)
    {
        peer.windowScale = static_cast<uint8_t>((bits >> 5) * 2); // 0..14
    }
    peer.sackPermitted = (bits & 0x20) != 0; // RFC 2018 and RFC 7323 paths too
    peer.timestamps = (bits & 0x40) != 0;
    return peer;
}

class Harness : public test::TcpDriveHost
{
  public:
    explicit Harness(const TcpConfig& config)
        : m_config(config),
          m_conn(std::make_unique<TcpConnection>(config, LOCAL_PORT, REMOTE_PORT, LOCAL_ISS))
    {
    }

    TcpConnection& Conn() override
    {
        return *m_conn;
    }

    TcpTime Now() const override
    {
        return m_now;
    }

    void Drain() override
    {
        TcpActions& actions = m_conn->Actions();
        FUZZ_CHECK(!m_closedSeen || actions.Empty(), "actions after the CLOSED event");
        for (const TcpEvent& event : actions.events)
        {
            TRACE("  event " << int(event.kind) << " " << ToString(event.from) << " -> "
                             << ToString(event.to) << " value " << event.value);
            CheckEvent(event);
        }
        for (const TcpTimerRequest& timer : actions.timers)
        {
            TRACE("  timer " << int(timer.kind) << (timer.arm ? " armed for " : " cancelled ")
                             << (timer.arm ? timer.deadline.count() / 1000000 : 0) << " ms");
            CheckTimer(timer);
        }
        for (const TcpSegment& segment : actions.segments)
        {
            TRACE("  sent " << segment.Describe());
            CheckSegment(segment);
        }
        actions.Clear();
        CheckState();
        m_before = m_conn->GetVariables();
        if (m_conn->State() != TcpState::TIME_WAIT)
        {
            m_timeWait.reset();
        }
        else if (!m_timeWait)
        {
            m_timeWait = m_conn->CompactTimeWait(); // nothing while other timers or bytes wait
        }
    }

    /** Decodes and runs one operation; false when the input is used up. */
    bool Step(FuzzInput& in)
    {
        if (in.Empty())
        {
            return false;
        }
        uint8_t op = in.U8();
        TRACE("t=" << m_now.count() / 1000000 << " ms, " << ToString(m_conn->State()) << ", op "
                   << op % 16);
        if (op % 16 >= 8 && op % 16 <= 14)
        {
            // An application call: the adapter keeps a TcpTimeWait only once nobody holds the
            // socket, so no call follows one; the shadow is made again from the state after it
            // (a read may have grown the buffer).
            m_timeWait.reset();
        }
        switch (op % 16)
        {
        case 6:
            FireTimer(in.U8());
            break;
        case 7:
            Advance(TcpTime(std::chrono::milliseconds(in.U16()) * 4));
            break;
        case 8:
            AppSend(in.U16() % 6000);
            break;
        case 9:
            AppRead(in.U16() % BUFFER_BYTES);
            break;
        case 10: // Close; with bit 4 of the opcode set, also Orphan (the application lets go)
            Call([this, op] {
                m_conn->Close(m_now);
                if (op & 0x10)
                {
                    m_conn->Orphan(m_now);
                }
            });
            break;
        case 11:
            Call([this] { m_conn->Abort(m_now); });
            break;
        case 12:
            Call([this] { m_conn->Connect(m_now); });
            break;
        case 13:
            Call([this] { m_conn->Listen(m_now); });
            break;
        case 14: {
            TcpSegment syn = DecodeSegment(in);
            Call([&] { m_conn->AcceptSyn(syn, m_now); });
            break;
        }
        case 15: // a well-behaved peer: everything acknowledged, a full window
            Deliver(test::PeerSegment(TcpSegment::ACK, Vars().rcvNxt, Vars().sndMax));
            break;
        default:
            Deliver(DecodeSegment(in));
            break;
        }
        return true;
    }

  private:
    TcpConnection::Variables Vars() const
    {
        return m_conn->GetVariables();
    }

    template <class F>
    void Call(F&& f)
    {
        f();
        Drain();
    }

    void Deliver(const TcpSegment& segment)
    {
        TRACE("  peer " << segment.Describe());
        Call([&] {
            m_conn->OnSegment(segment, m_now);
            CompareWithTimeWait(segment);
        });
    }

    /**
     * TcpTimeWait (the adapter's TIME_WAIT without a socket) must answer every segment as the
     * connection it was made from does in TIME_WAIT: the same ACK, deadline and ending.
     */
    void CompareWithTimeWait(const TcpSegment& segment)
    {
        if (!m_timeWait)
        {
            return;
        }
        TcpTimeWait::Reply reply = m_timeWait->OnSegment(segment, m_now);
        const TcpActions& actions = m_conn->Actions();
        FUZZ_CHECK(actions.segments.size() == (reply.ack ? 1u : 0u), "TcpTimeWait: ACK or not");
        if (reply.ack)
        {
            const TcpSegment& full = actions.segments.front();
            const TcpSegment& small = *reply.ack;
            FUZZ_CHECK(full.seq == small.seq && full.ack == small.ack && full.flags == small.flags &&
                           full.window == small.window && full.payload.empty(),
                       "TcpTimeWait: ACK fields");
            FUZZ_CHECK(full.timestamp.has_value() == small.timestamp.has_value() &&
                           (!full.timestamp || (full.timestamp->value == small.timestamp->value &&
                                                full.timestamp->echo == small.timestamp->echo)),
                       "TcpTimeWait: timestamps");
            FUZZ_CHECK(full.sack == small.sack, "TcpTimeWait: SACK blocks");
        }
        bool closed = std::any_of(actions.events.begin(), actions.events.end(), [](const TcpEvent& e) {
            return e.kind == TcpEvent::CLOSED;
        });
        FUZZ_CHECK(closed == reply.closed, "TcpTimeWait: ending");
        FUZZ_CHECK(closed || m_conn->TimerDeadline(TcpTimerKind::TIME_WAIT) == m_timeWait->Deadline(),
                   "TcpTimeWait: deadline");
    }

    /**
     * A peer segment: [flags] [mode] seq ack [window] [mss] [window scale] [length]. Numbers are
     * offsets from the connection's own RCV.NXT and SND.UNA/SND.MAX unless the mode asks for raw
     * values, so that most segments land in or near the window.
     */
    TcpSegment DecodeSegment(FuzzInput& in)
    {
        uint8_t flags = in.U8() & 0x3f;
        uint8_t mode = in.U8();
        TcpConnection::Variables v = Vars();
        uint32_t seqBase = v.rcvNxt != 0 ? v.rcvNxt : REMOTE_ISS;
        uint32_t ackBase = (mode & 0x04) ? v.sndMax : v.sndUna;
        uint32_t seq = (mode & 0x01) ? in.U32() : seqBase + static_cast<int16_t>(in.U16());
        uint32_t ack = (mode & 0x02) ? in.U32() : ackBase + static_cast<int16_t>(in.U16());
        TcpSegment segment = test::PeerSegment(flags, seq, ack);
        if (mode & 0x80)
        {
            segment.window = in.U16();
        }
        if (mode & 0x08)
        {
            segment.mss = in.U16();
        }
        if (mode & 0x10)
        {
            segment.windowScale = in.U8();
        }
        static const uint32_t FIXED_LENGTHS[] = {0, 1};
        uint32_t lengthKind = (mode >> 5) & 3;
        uint32_t length = lengthKind < 2   ? FIXED_LENGTHS[lengthKind]
                          : lengthKind == 2 ? in.U8()
                                            : in.U16() % 3000u;
        segment.payload.resize(length);
        uint32_t dataSeq = seq + (segment.Has(TcpSegment::SYN) ? 1 : 0); // RFC 9293 3.4
        PEER_BYTES.Fill(segment.payload.data(), length, dataSeq);
        return segment;
    }

    void FireTimer(uint8_t arg)
    {
        auto kind = static_cast<TcpTimerKind>(arg % TCP_TIMER_KINDS);
        const std::optional<TcpTime>& deadline = m_timers[arg % TCP_TIMER_KINDS];
        bool early = (arg & 0x80) != 0;
        if (deadline && !early)
        {
            m_now = std::max(m_now, *deadline);
        }
        bool due = deadline && *deadline <= m_now;
        if (due)
        {
            m_timers[arg % TCP_TIMER_KINDS].reset();
        }
        m_conn->OnTimer(kind, m_now);
        // A firing that is not due (cancelled, never armed or early) must change nothing.
        FUZZ_CHECK(due || m_conn->Actions().Empty(), "a timer that was not due did something");
        Drain();
    }

    /** Moves the clock, firing due timers in deadline order as the adapter's scheduler does. */
    void Advance(TcpTime delta)
    {
        TcpTime until = m_now + delta;
        while (true)
        {
            int next = -1;
            for (int i = 0; i < TCP_TIMER_KINDS; ++i)
            {
                if (m_timers[i] && *m_timers[i] <= until &&
                    (next < 0 || *m_timers[i] < *m_timers[next]))
                {
                    next = i;
                }
            }
            if (next < 0)
            {
                break;
            }
            FireTimer(static_cast<uint8_t>(next));
        }
        m_now = until;
    }

    void AppSend(size_t length)
    {
        APP_BYTES.Fill(m_bytes.get(), length, LOCAL_ISS + 1 + static_cast<uint32_t>(m_appQueued));
        size_t space = m_conn->SendSpace();
        size_t taken = m_conn->Send(m_bytes.get(), length, m_now);
        FUZZ_CHECK(taken <= std::min(length, space),
                   "Send took " << taken << " of " << length << " with " << space << " free");
        m_appQueued += taken;
        Drain();
    }

    void AppRead(size_t maxLength)
    {
        size_t readable = m_conn->BytesReadable();
        size_t count = m_conn->Receive(m_bytes.get(), maxLength, m_now);
        FUZZ_CHECK(count == std::min(maxLength, readable),
                   "Receive gave " << count << " of " << readable << " readable, asked " << maxLength);
        FUZZ_CHECK(count == 0 || m_irs, "bytes delivered before the connection was established");
        if (count > 0)
        {
            uint32_t seq = *m_irs + 1 + static_cast<uint32_t>(m_delivered);
            size_t bad = PEER_BYTES.FirstMismatch(m_bytes.get(), count, seq);
            FUZZ_CHECK(bad == count,
                       "delivered byte " << (m_delivered + bad) << " is not the peer's byte at seq "
                                         << (seq + bad) << ": out of order, duplicated or a gap");
        }
        m_delivered += count;
        Drain();
    }

    void CheckEvent(const TcpEvent& event)
    {
        FUZZ_CHECK(!m_closedSeen, "an event after the CLOSED event");
        switch (event.kind)
        {
        case TcpEvent::STATE_CHANGED:
            FUZZ_CHECK(event.from == m_state,
                       "STATE_CHANGED from " << ToString(event.from) << " but the state was "
                                             << ToString(m_state));
            FUZZ_CHECK(static_cast<int>(event.to) < STATE_COUNT, "not one of the 11 states");
            FUZZ_CHECK(LegalTransition(event.from, event.to),
                       "illegal transition " << ToString(event.from) << " -> "
                                             << ToString(event.to));
            m_state = event.to;
            break;
        case TcpEvent::ESTABLISHED:
            FUZZ_CHECK(!m_irs, "ESTABLISHED twice");
            m_irs = Vars().irs;
            break;
        case TcpEvent::PEER_CLOSED:
            FUZZ_CHECK(!m_peerClosed, "PEER_CLOSED twice");
            m_peerClosed = true;
            break;
        case TcpEvent::DATA_READABLE:
            FUZZ_CHECK(!m_peerClosed, "data became readable after the peer's FIN");
            break;
        case TcpEvent::CLOSED:
            FUZZ_CHECK(m_state == TcpState::CLOSED, "CLOSED event in " << ToString(m_state));
            m_closedSeen = true;
            break;
        default:
            break;
        }
    }

    void CheckTimer(const TcpTimerRequest& timer)
    {
        int kind = static_cast<int>(timer.kind);
        FUZZ_CHECK(kind < TCP_TIMER_KINDS, "timer kind " << kind);
        if (timer.arm)
        {
            FUZZ_CHECK(timer.deadline >= m_now, "timer armed in the past");
            m_timers[kind] = timer.deadline;
        }
        else
        {
            m_timers[kind].reset();
        }
    }

    void CheckSegment(const TcpSegment& s)
    {
        TcpConnection::Variables v = Vars();
        FUZZ_CHECK(s.sourcePort == LOCAL_PORT && s.destinationPort == REMOTE_PORT, s.Describe());
        FUZZ_CHECK((s.flags & ~0x1f) == 0, "URG or a reserved bit: " << s.Describe());
        bool syn = s.Has(TcpSegment::SYN);
        bool rst = s.Has(TcpSegment::RST);
        FUZZ_CHECK(!(syn && (rst || s.Has(TcpSegment::FIN))), "SYN with RST or FIN: " << s.Describe());
        if (rst)
        {
            FUZZ_CHECK(s.payload.empty() && !s.mss && !s.windowScale, "RST with data: " << s.Describe());
            return;
        }
        // RFC 9293 3.10.7: once the peer's SYN is known every segment acknowledges; only our own
        // opening SYN goes without ACK. We never acknowledge what we have not received.
        FUZZ_CHECK(s.Has(TcpSegment::ACK) || syn, "no ACK: " << s.Describe());
        if (s.Has(TcpSegment::ACK) && m_state != TcpState::LISTEN)
        {
            FUZZ_CHECK(SeqLeq(s.ack, v.rcvNxt),
                       "ACK beyond RCV.NXT " << v.rcvNxt << ": " << s.Describe());
        }
        if (syn)
        {
            // RFC 9293 3.7.1 / RFC 7323 2.2-2.3: MSS and window scale (at most 14) on SYNs.
            FUZZ_CHECK(s.seq == LOCAL_ISS && s.payload.empty() && s.mss, s.Describe());
            FUZZ_CHECK(!s.windowScale || *s.windowScale <= 14, s.Describe());
            return;
        }
        FUZZ_CHECK(!s.mss && !s.windowScale, "options on a non-SYN segment: " << s.Describe());
        CheckPayload(s, v);
    }

    void CheckPayload(const TcpSegment& s, const TcpConnection::Variables& v)
    {
        if (s.payload.empty())
        {
            return;
        }
        auto length = static_cast<uint32_t>(s.payload.size());
        // RFC 9293 3.7.1: no segment larger than Eff.snd.MSS (the peer's MSS bounded by ours).
        uint32_t mss = std::min<uint32_t>(m_conn->PeerMss(), m_config.mss);
        FUZZ_CHECK(length <= std::max<uint32_t>(mss, 1), "longer than the MSS " << mss << ": " << s.Describe());
        uint32_t streamEnd = LOCAL_ISS + 1 + static_cast<uint32_t>(m_appQueued);
        FUZZ_CHECK(SeqLeq(s.seq + length, streamEnd), "bytes the application never sent: " << s.Describe());
        size_t bad = APP_BYTES.FirstMismatch(s.payload.data(), length, s.seq);
        FUZZ_CHECK(bad == length,
                   "payload byte " << bad << " is not the application's byte at seq "
                                   << (s.seq + bad) << ": " << s.Describe());
        // RFC 9293 3.8.6: new data (beyond what was ever sent) stays within SND.UNA + SND.WND;
        // old data beyond a shrunk window MAY be retransmitted; a zero window takes a one-byte
        // probe (3.8.6.1). The window may have moved during the call: take the larger edge.
        uint32_t edgeBefore = m_before.sndUna + std::max<uint32_t>(m_before.sndWnd, 1);
        uint32_t edgeAfter = v.sndUna + std::max<uint32_t>(v.sndWnd, 1);
        uint32_t edge = SeqGt(edgeAfter, edgeBefore) ? edgeAfter : edgeBefore;
        if (SeqGt(s.seq + length, m_before.sndMax))
        {
            FUZZ_CHECK(SeqLeq(s.seq + length, edge),
                       "new data beyond the peer's window (SND.UNA " << v.sndUna << ", SND.WND "
                                                                     << v.sndWnd << "): "
                                                                     << s.Describe());
        }
    }

    void CheckState()
    {
        TcpState state = m_conn->State();
        FUZZ_CHECK(static_cast<int>(state) < STATE_COUNT, "not one of the 11 states");
        FUZZ_CHECK(state == m_state, "State() " << ToString(state) << " but the events said "
                                                << ToString(m_state));
        TcpConnection::Variables v = Vars();
        FUZZ_CHECK(SeqLeq(v.sndUna, v.sndNxt) && SeqLeq(v.sndNxt, v.sndMax),
                   "SND.UNA " << v.sndUna << " SND.NXT " << v.sndNxt << " SND.MAX " << v.sndMax);
        FUZZ_CHECK(SeqLeq(LOCAL_ISS, v.sndUna), "SND.UNA before the ISS");
        // Auto-tuning grows the buffers from their configured sizes up to their bounds, never past.
        FUZZ_CHECK(v.sendCapacity >= m_config.sendBufferBytes &&
                       v.sendCapacity <= std::max(m_config.sendBufferBytes, m_config.sendBufferMaxBytes),
                   "send buffer capacity " << v.sendCapacity);
        FUZZ_CHECK(v.receiveCapacity >= m_config.receiveBufferBytes &&
                       v.receiveCapacity <=
                           std::max(m_config.receiveBufferBytes, m_config.receiveBufferMaxBytes),
                   "receive buffer capacity " << v.receiveCapacity);
        FUZZ_CHECK(v.sendBuffered <= v.sendCapacity && v.sendBuffered <= m_appQueued,
                   "send buffer holds " << v.sendBuffered);
        FUZZ_CHECK(m_conn->SendSpace() <= v.sendCapacity - v.sendBuffered, "send space");
        size_t readable = m_conn->BytesReadable();
        FUZZ_CHECK(readable + v.outOfOrderBytes <= v.receiveCapacity,
                   "receive buffer holds " << readable << " + " << v.outOfOrderBytes);
        FUZZ_CHECK(m_conn->GetStats().bytesDelivered == m_delivered, "bytesDelivered");
        if (m_irs)
        {
            FUZZ_CHECK(v.irs == *m_irs, "IRS changed after ESTABLISHED");
            // Every in-order byte received is read or readable; the FIN takes one number.
            auto accounted = static_cast<uint32_t>(m_delivered + readable + (m_peerClosed ? 1 : 0));
            FUZZ_CHECK(accounted == v.rcvNxt - *m_irs - 1,
                       "RCV.NXT " << v.rcvNxt << " but " << accounted << " bytes accounted for");
        }
        FUZZ_CHECK(m_conn->PeerFinished() == (m_peerClosed && readable == 0), "PeerFinished");
        CheckTimersFor(state, v);
    }

    /** Liveness: something is always set to move a connection that has work outstanding. */
    void CheckTimersFor(TcpState state, const TcpConnection::Variables& v)
    {
        bool retransmit = m_timers[static_cast<int>(TcpTimerKind::RETRANSMIT)].has_value();
        bool persist = m_timers[static_cast<int>(TcpTimerKind::PERSIST)].has_value();
        bool timeWait = m_timers[static_cast<int>(TcpTimerKind::TIME_WAIT)].has_value();
        switch (state)
        {
        case TcpState::CLOSED:
            FUZZ_CHECK(m_timers == decltype(m_timers){}, "a timer armed in CLOSED");
            break;
        case TcpState::TIME_WAIT:
            FUZZ_CHECK(timeWait && !retransmit && !persist, "TIME_WAIT timers");
            break;
        case TcpState::LISTEN:
            break;
        default:
            if (v.sndUna != v.sndMax || v.sendBuffered > 0)
            {
                FUZZ_CHECK(retransmit || persist,
                           "work outstanding in " << ToString(state)
                                                  << " and no timer to move it: SND.UNA "
                                                  << v.sndUna << " SND.MAX " << v.sndMax
                                                  << " queued " << v.sendBuffered);
            }
            break;
        }
    }

    TcpConfig m_config;
    std::unique_ptr<TcpConnection> m_conn;
    TcpTime m_now{0};
    std::array<std::optional<TcpTime>, TCP_TIMER_KINDS> m_timers{};
    TcpState m_state{TcpState::CLOSED}; //!< as the STATE_CHANGED events tell it
    bool m_closedSeen{false};
    bool m_peerClosed{false};
    std::optional<uint32_t> m_irs; //!< known from the ESTABLISHED event on
    uint64_t m_delivered{0};       //!< bytes the application read
    uint64_t m_appQueued{0};       //!< bytes Send accepted
    /** For Send and Receive; not initialized (filling it cost more than the rest of a read). */
    std::unique_ptr<uint8_t[]> m_bytes{new uint8_t[BUFFER_BYTES]};
    TcpConnection::Variables m_before{}; //!< after the previous call
    std::optional<TcpTimeWait> m_timeWait; //!< made at the first TIME_WAIT that allows it
};

} // namespace

void
RunTcpCoreTarget(const uint8_t* data, size_t size)
{
    FuzzInput in(data, size);
    auto state = static_cast<TcpState>(in.U8() % STATE_COUNT);
    Harness harness(ConfigFrom(in.U8()));
    harness.Drain(); // the fresh connection: CLOSED, nothing to do
    test::DriveTo(harness, state, PeerSynFrom(in.U8()));
    for (int i = 0; i < MAX_OPERATIONS && harness.Step(in); ++i)
    {
    }
}

} // namespace fuzz
} // namespace handshake
} // namespace ns3
