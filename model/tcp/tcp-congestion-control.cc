#include "tcp-congestion-control.h"

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
    return nullptr;
}

} // namespace handshake
} // namespace ns3
