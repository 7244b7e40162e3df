/*
 * The two profiles of our TCP: every default in one place. Linux mirrors Linux 6.x (the default
 * TcpConfig); Rfc takes the RFCs' values where they differ. doc/tcp-core.rst has the table.
 * Part of the sans-I/O core: no ns-3 dependency.
 */
#ifndef HANDSHAKE_TCP_PROFILE_H
#define HANDSHAKE_TCP_PROFILE_H

#include "tcp-config.h"

namespace ns3
{
namespace handshake
{

enum class TcpProfile : uint8_t
{
    LINUX, //!< Linux 6.x defaults (the default)
    RFC,   //!< the RFCs' values
};

/** The configuration a profile stands for. */
TcpConfig ProfileConfig(TcpProfile profile);

const char* ToString(TcpProfile profile);

} // namespace handshake
} // namespace ns3

#endif // HANDSHAKE_TCP_PROFILE_H
