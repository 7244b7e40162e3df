/*
 * A connection in TIME-WAIT, kept small (issue [bench]): once both FINs are through, RFC 9293
 * 3.10.7.4 needs only the sequence numbers, the window and the timestamps an ACK carries, and
 * the rules for what still arrives: a retransmitted FIN (ACK it, restart the 2 MSL timeout), an
 * old duplicate (PAWS, RFC 7323 5.3; D-SACK, RFC 2883), a RST (RFC 5961 3.2), a SYN (RFC 5961
 * 4.2). The rules are TcpConnection's in TIME_WAIT, segment for segment (the unit tests compare
 * the two); the state is 64 bytes where a TcpConnection is over 1 kB. Linux keeps a
 * tcp_timewait_sock in place of the socket for the same reason.
 *
 * Sans-I/O like TcpConnection: a segment and the time go in, the ACK to send comes out; the
 * adapter keeps the timeout's event and demultiplexes.
 */
#ifndef HANDSHAKE_TCP_TIME_WAIT_H
#define HANDSHAKE_TCP_TIME_WAIT_H

#include "tcp-config.h"
#include "tcp-segment.h"

#include <cstdint>
#include <optional>

namespace ns3
{
namespace handshake
{

class TcpTimeWait
{
  public:
    /** What TIME-WAIT keeps of a connection (TcpConnection::CompactTimeWait fills it). */
    struct Variables
    {
        uint16_t localPort{0};
        uint16_t remotePort{0};
        uint32_t sndMax{0};        //!< SEQ of our ACKs: the highest sequence number sent
        uint32_t rcvNxt{0};        //!< past the peer's FIN
        uint32_t receiveWindow{0}; //!< RCV.WND of the acceptability test (RFC 9293 3.10.7.4)
        uint16_t window{0};        //!< the window field our ACKs carry (scaled)
        bool timestamps{false};    //!< negotiated (RFC 7323)
        bool sack{false};          //!< negotiated (RFC 2018)
        bool tsRecentValid{false};
        uint32_t tsOffset{0}; //!< our timestamp clock's offset (RFC 7323 5.4)
        uint32_t tsRecent{0};
        uint32_t lastAckSent{0};           //!< RFC 7323's Last.ACK.sent
        std::optional<TcpSackBlock> dsack; //!< a duplicate the next ACK reports (RFC 2883)
        TcpTime deadline{0};               //!< when TIME-WAIT ends
        TcpTime timeout{0};                //!< 2 MSL: a retransmitted FIN restarts it
    };

    /** What one segment did. */
    struct Reply
    {
        std::optional<TcpSegment> ack; //!< to send
        bool restarted{false};         //!< the 2 MSL timeout started again: Deadline() moved
        bool closed{false};            //!< a RST ended TIME-WAIT (CLOSED, normally)
    };

    explicit TcpTimeWait(const Variables& variables);

    /** A segment of this connection arrived (RFC 9293 3.10.7.4, TIME-WAIT). */
    Reply OnSegment(const TcpSegment& seg, TcpTime now);
    /** When TIME-WAIT ends (RFC 9293 3.10.8: the time-wait timeout), CLOSED normally. */
    TcpTime Deadline() const { return m_v.deadline; }
    const Variables& GetVariables() const { return m_v; }

  private:
    /** <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>, with our timestamps and a pending D-SACK. */
    TcpSegment MakeAck(TcpTime now);
    void NoteDuplicate(uint32_t seq, uint32_t end);

    Variables m_v;
};

} // namespace handshake
} // namespace ns3

#endif // HANDSHAKE_TCP_TIME_WAIT_H
