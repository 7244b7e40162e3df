#include "tcp-actions.h"

namespace ns3
{
namespace handshake
{

const char*
ToString(TcpOutcome outcome)
{
    switch (outcome)
    {
    case TcpOutcome::CLOSED_NORMALLY:
        return "CLOSED_NORMALLY";
    case TcpOutcome::RESET:
        return "RESET";
    case TcpOutcome::ABORTED:
        return "ABORTED";
    case TcpOutcome::TIMED_OUT:
        return "TIMED_OUT";
    case TcpOutcome::REFUSED:
        return "REFUSED";
    case TcpOutcome::LOST:
        return "LOST";
    }
    return "UNKNOWN";
}

} // namespace handshake
} // namespace ns3
