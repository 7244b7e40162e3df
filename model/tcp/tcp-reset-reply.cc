#include "tcp-reset-reply.h"

namespace ns3
{
namespace handshake
{

std::optional<TcpSegment>
ResetReplyTo(const TcpSegment& incoming)
{
    // RFC 9293 3.10.7.1: "An incoming segment containing a RST is discarded."
    if (incoming.Has(TcpSegment::RST))
    {
        return std::nullopt;
    }
    TcpSegment rst;
    rst.sourcePort = incoming.destinationPort;
    rst.destinationPort = incoming.sourcePort;
    if (incoming.Has(TcpSegment::ACK))
    {
        // "If the ACK bit is on, <SEQ=SEG.ACK><CTL=RST>"
        rst.seq = incoming.ack;
        rst.flags = TcpSegment::RST;
    }
    else
    {
        // "If the ACK bit is off, sequence number zero is used, <SEQ=0><ACK=SEG.SEQ+SEG.LEN>
        // <CTL=RST,ACK>"
        rst.seq = 0;
        rst.ack = incoming.seq + incoming.SequenceLength();
        rst.flags = TcpSegment::RST | TcpSegment::ACK;
    }
    return rst;
}

} // namespace handshake
} // namespace ns3
