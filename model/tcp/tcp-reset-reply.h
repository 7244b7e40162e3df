/*
 * The RST that answers a segment for which no connection exists (RFC 9293 3.10.7.1), and the
 * one a listener sends for an ACK-bearing segment (3.10.7.2). A rule of the core: the ns-3
 * adapter only sends what this returns. Plain C++, no ns-3.
 */
#ifndef HANDSHAKE_TCP_RESET_REPLY_H
#define HANDSHAKE_TCP_RESET_REPLY_H

#include "tcp-segment.h"

#include <optional>

namespace ns3
{
namespace handshake
{

/** The RST answering \p incoming where no connection exists; nothing when it is a RST itself. */
std::optional<TcpSegment> ResetReplyTo(const TcpSegment& incoming);

} // namespace handshake
} // namespace ns3

#endif // HANDSHAKE_TCP_RESET_REPLY_H
