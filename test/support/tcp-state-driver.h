// A scripted peer that drives one TcpConnection into any of the 11 states of RFC 9293 3.3.2, shared
// by the unit-test fixture (tcp-test-fixture.h) and the TCP core fuzzer (fuzz/targets/). No GoogleTest
// here: the caller checks what was sent through its own Drain().
#ifndef HANDSHAKE_TCP_STATE_DRIVER_H
#define HANDSHAKE_TCP_STATE_DRIVER_H

#include "ns3/tcp-connection.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace ns3
{
namespace handshake
{
namespace test
{

constexpr uint16_t LOCAL_PORT = 49152;
constexpr uint16_t REMOTE_PORT = 80;
constexpr uint32_t LOCAL_ISS = 1000;
constexpr uint32_t REMOTE_ISS = 5000;

/** Whoever owns the connection being driven: the test fixture or the fuzzer's harness. */
class TcpDriveHost
{
  public:
    virtual ~TcpDriveHost() = default;
    virtual TcpConnection& Conn() = 0;
    virtual TcpTime Now() const = 0;
    /** Called after every call into the connection: takes (and clears) its actions. */
    virtual void Drain() = 0;
};

/** What the scripted peer puts on its SYN or SYN-ACK. */
struct PeerSyn
{
    uint16_t window{65535};
    std::optional<uint16_t> mss{1000};
    std::optional<uint8_t> windowScale;
    bool sackPermitted{false};
    bool timestamps{false}; //!< the SYN carries TSval 1 (echoing ours on a SYN-ACK)
};

/** A segment from the peer (REMOTE_PORT -> LOCAL_PORT). */
inline TcpSegment
PeerSegment(uint8_t flags,
            uint32_t seq,
            uint32_t ack,
            std::vector<uint8_t> payload = {},
            uint16_t window = 65535)
{
    TcpSegment s;
    s.sourcePort = REMOTE_PORT;
    s.destinationPort = LOCAL_PORT;
    s.flags = flags;
    s.seq = seq;
    s.ack = ack;
    s.window = window;
    s.payload = std::move(payload);
    return s;
}

inline void
DeliverFromPeer(TcpDriveHost& host, const TcpSegment& segment)
{
    host.Conn().OnSegment(segment, host.Now());
    host.Drain();
}

/** Active open: SYN out -> SYN-ACK in -> ACK out. Returns the peer's next sequence number. */
inline uint32_t
DriveActiveOpen(TcpDriveHost& host, const PeerSyn& peer)
{
    host.Conn().Connect(host.Now());
    host.Drain();
    TcpSegment synAck = PeerSegment(TcpSegment::SYN | TcpSegment::ACK,
                                    REMOTE_ISS,
                                    host.Conn().Iss() + 1,
                                    {},
                                    peer.window);
    synAck.mss = peer.mss;
    synAck.windowScale = peer.windowScale;
    synAck.sackPermitted = peer.sackPermitted;
    if (peer.timestamps)
    {
        synAck.timestamp = TcpTimestampOption{1, 0};
    }
    DeliverFromPeer(host, synAck);
    return REMOTE_ISS + 1;
}

/** Passive open, first half: SYN in (AcceptSyn) -> SYN-ACK out. Returns the peer's next sequence. */
inline uint32_t
DriveSynReceived(TcpDriveHost& host, const PeerSyn& peer)
{
    TcpSegment syn = PeerSegment(TcpSegment::SYN, REMOTE_ISS, 0, {}, peer.window);
    syn.mss = peer.mss;
    syn.windowScale = peer.windowScale;
    syn.sackPermitted = peer.sackPermitted;
    if (peer.timestamps)
    {
        syn.timestamp = TcpTimestampOption{1, 0};
    }
    host.Conn().AcceptSyn(syn, host.Now());
    host.Drain();
    return REMOTE_ISS + 1;
}

/** Passive open: SYN in -> SYN-ACK out -> ACK in. Returns the peer's next sequence number. */
inline uint32_t
DrivePassiveOpen(TcpDriveHost& host, const PeerSyn& peer)
{
    uint32_t remoteNxt = DriveSynReceived(host, peer);
    DeliverFromPeer(host,
                    PeerSegment(TcpSegment::ACK, remoteNxt, host.Conn().Iss() + 1, {}, peer.window));
    return remoteNxt;
}

/** The peer acknowledges everything we sent, with \p extraFlags (FIN) at \p remoteNxt. */
inline void
DeliverAckOfAll(TcpDriveHost& host, uint32_t remoteNxt, uint8_t extraFlags = 0)
{
    uint32_t ack = host.Conn().GetVariables().sndMax;
    DeliverFromPeer(host, PeerSegment(TcpSegment::ACK | extraFlags, remoteNxt, ack));
}

/** We close first, the peer ACKs our FIN then sends its own: ESTABLISHED -> ... -> TIME_WAIT. */
inline void
DriveCloseToTimeWait(TcpDriveHost& host, uint32_t remoteNxt)
{
    host.Conn().Close(host.Now());
    host.Drain();
    DeliverAckOfAll(host, remoteNxt);
    DeliverAckOfAll(host, remoteNxt, TcpSegment::FIN);
}

/**
 * Drives a fresh connection (CLOSED, nothing done yet) into \p state with the scripted peer.
 * Returns the peer's next sequence number (our RCV.NXT once synchronized); the caller checks
 * State() to see that it got there.
 */
inline uint32_t
DriveTo(TcpDriveHost& host, TcpState state, const PeerSyn& peer = PeerSyn{})
{
    TcpConnection& conn = host.Conn();
    uint32_t remoteNxt = REMOTE_ISS + 1;
    auto call = [&host](auto&& f) {
        f();
        host.Drain();
    };
    switch (state)
    {
    case TcpState::CLOSED:
        break;
    case TcpState::LISTEN:
        call([&] { conn.Listen(host.Now()); });
        break;
    case TcpState::SYN_SENT:
        call([&] { conn.Connect(host.Now()); });
        break;
    case TcpState::SYN_RCVD:
        remoteNxt = DriveSynReceived(host, peer);
        break;
    case TcpState::ESTABLISHED:
        remoteNxt = DriveActiveOpen(host, peer);
        break;
    case TcpState::FIN_WAIT_1:
        remoteNxt = DriveActiveOpen(host, peer);
        call([&] { conn.Close(host.Now()); });
        break;
    case TcpState::FIN_WAIT_2:
        remoteNxt = DriveActiveOpen(host, peer);
        call([&] { conn.Close(host.Now()); });
        DeliverAckOfAll(host, remoteNxt);
        break;
    case TcpState::CLOSE_WAIT:
        remoteNxt = DriveActiveOpen(host, peer);
        DeliverAckOfAll(host, remoteNxt, TcpSegment::FIN);
        remoteNxt += 1;
        break;
    case TcpState::CLOSING:
        // Our FIN crosses the peer's, which does not acknowledge it yet.
        remoteNxt = DriveActiveOpen(host, peer);
        call([&] { conn.Close(host.Now()); });
        DeliverFromPeer(host,
                        PeerSegment(TcpSegment::FIN | TcpSegment::ACK,
                                    remoteNxt,
                                    conn.GetVariables().sndUna));
        remoteNxt += 1;
        break;
    case TcpState::LAST_ACK:
        remoteNxt = DriveActiveOpen(host, peer);
        DeliverAckOfAll(host, remoteNxt, TcpSegment::FIN);
        remoteNxt += 1;
        call([&] { conn.Close(host.Now()); });
        break;
    case TcpState::TIME_WAIT:
        remoteNxt = DriveActiveOpen(host, peer);
        DriveCloseToTimeWait(host, remoteNxt);
        remoteNxt += 1;
        break;
    }
    return remoteNxt;
}

} // namespace test
} // namespace handshake
} // namespace ns3

#endif // HANDSHAKE_TCP_STATE_DRIVER_H
