#include "tcp-congestion-control.h"

#include "tcp-cubic-congestion-control.h"
#include "tcp-reno-congestion-control.h"

#include <cstring>

namespace ns3
{
namespace handshake
{

std::unique_ptr<TcpCongestionControl>
CreateCongestionControl(const char* name)
{
    if (std::strcmp(name, "NewReno") == 0)
    {
        return std::make_unique<TcpRenoCongestionControl>();
    }
    if (std::strcmp(name, "Cubic") == 0)
    {
        return std::make_unique<TcpCubicCongestionControl>();
    }
    return nullptr;
}

} // namespace handshake
} // namespace ns3
