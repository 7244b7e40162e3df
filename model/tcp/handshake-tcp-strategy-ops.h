/*
 * The strategies of our TCP as ns-3 TypeIds, so that a user picks them the way ns-3's
 * TcpL4Protocol::SocketType and TcpCongestionOps are picked: by a TypeId Attribute
 * (ns3::HandshakeTcpSocket::CongestionControl, ns3::HandshakeTcpSocket::Recovery), from a program
 * or the command line. Glue only: each TypeId names a strategy of the sans-I/O core.
 */
#ifndef HANDSHAKE_TCP_STRATEGY_OPS_H
#define HANDSHAKE_TCP_STRATEGY_OPS_H

#include "tcp-config.h"

#include "ns3/object.h"

#include <optional>
#include <string>

namespace ns3
{

/** Base of the congestion control TypeIds (ns3::HandshakeTcpNewReno, ns3::HandshakeTcpCubic). */
class HandshakeTcpCongestionOps : public Object
{
  public:
    static TypeId GetTypeId();
    /** The core's name of the strategy \p tid stands for; nothing when \p tid is not one. */
    static std::optional<std::string> CoreName(TypeId tid);
    /** The TypeId of the core's strategy \p name. */
    static TypeId ForCoreName(const std::string& name);
};

class HandshakeTcpNewReno : public HandshakeTcpCongestionOps
{
  public:
    static TypeId GetTypeId();
};

class HandshakeTcpCubic : public HandshakeTcpCongestionOps
{
  public:
    static TypeId GetTypeId();
};

/** Base of the loss recovery TypeIds (ns3::HandshakeTcpRackTlp, ns3::HandshakeTcpRfc6675). */
class HandshakeTcpRecoveryOps : public Object
{
  public:
    static TypeId GetTypeId();
    static std::optional<handshake::TcpLossRecovery> CoreKind(TypeId tid);
    static TypeId ForCoreKind(handshake::TcpLossRecovery kind);
};

class HandshakeTcpRackTlp : public HandshakeTcpRecoveryOps
{
  public:
    static TypeId GetTypeId();
};

class HandshakeTcpRfc6675 : public HandshakeTcpRecoveryOps
{
  public:
    static TypeId GetTypeId();
};

} // namespace ns3

#endif // HANDSHAKE_TCP_STRATEGY_OPS_H
