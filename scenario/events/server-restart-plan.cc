#include "server-restart-plan.h"

#include "ns3/fault-window-text.h"
#include "ns3/http-server-helper.h"

#include "ns3/abort.h"
#include "ns3/application-container.h"
#include "ns3/handshake-tcp-l4-protocol.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("ServerRestartPlan");

std::string
ServerRestartPlan::Parse(const std::string& text, uint32_t servers)
{
    m_restarts.clear();
    auto parseServer = [servers](const std::string& target, uint32_t* id) {
        return FaultWindowText::ParseIndexed(target, "server", servers, "a server (server:N)", id);
    };
    std::vector<FaultWindowText::Window> windows;
    std::string error = FaultWindowText::Parse(text,
                                               "SERVER@START+DURATION (e.g. server:0@5s+10s)",
                                               parseServer,
                                               &windows);
    for (const auto& window : windows)
    {
        m_restarts.push_back(Restart{window.target, window.start, window.duration});
    }
    return error;
}

const std::vector<ServerRestartPlan::Restart>&
ServerRestartPlan::Restarts() const
{
    return m_restarts;
}

void
ServerRestartPlan::Schedule(const NodeContainer& servers, const HttpServerHelper& http) const
{
    for (const Restart& restart : m_restarts)
    {
        Ptr<Node> node = servers.Get(restart.server);
        Ptr<HandshakeTcpL4Protocol> tcp = node->GetObject<HandshakeTcpL4Protocol>();
        NS_ABORT_MSG_UNLESS(tcp, "server " << restart.server << " does not run handshake's TCP");
        uint32_t server = restart.server;
        Simulator::Schedule(restart.start, [tcp, server]() {
            uint32_t lost = tcp->Crash();
            NS_LOG_INFO("server " << server << " crashed: " << lost << " connections lost");
        });
        // The rebooted host's server: a new process, with nothing of the old one's state.
        http.Install(node).Start(restart.start + restart.duration);
    }
}

} // namespace ns3
