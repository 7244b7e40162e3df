/*
 * Conversions between ns-3's Time and the core's TcpTime (nanoseconds), for the adapter's files.
 */
#ifndef HANDSHAKE_TCP_TIME_H
#define HANDSHAKE_TCP_TIME_H

#include "tcp-config.h"

#include "ns3/nstime.h"

namespace ns3
{
namespace handshake
{

inline Time
ToTime(TcpTime t)
{
    return NanoSeconds(t.count());
}

inline TcpTime
ToTcpTime(Time t)
{
    return TcpTime(t.GetNanoSeconds());
}

} // namespace handshake
} // namespace ns3

#endif // HANDSHAKE_TCP_TIME_H
