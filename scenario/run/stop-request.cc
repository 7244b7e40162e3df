#include "stop-request.h"

#include <atomic>
#include <csignal>

namespace ns3
{

namespace
{

std::atomic<bool> g_stopRequested{false};

void
RequestStop(int)
{
    g_stopRequested = true;
}

} // namespace

void
StopRequest::ListenForSignals()
{
    g_stopRequested = false;
    std::signal(SIGTERM, RequestStop);
    std::signal(SIGINT, RequestStop);
}

bool
StopRequest::IsRequested()
{
    return g_stopRequested;
}

} // namespace ns3
