/*
 * --server-restart (ServerRestartPlan): a server host crashes, forgetting its connections, and its
 * HTTP server starts again after a while. Needs our TCP on the servers.
 */
#ifndef HANDSHAKE_SERVER_RESTART_COMPONENT_H
#define HANDSHAKE_SERVER_RESTART_COMPONENT_H

#include "ns3/scenario-component.h"
#include "ns3/server-restart-plan.h"

#include <string>

namespace ns3
{

class ServerRestartComponent : public ScenarioComponent
{
  public:
    void AddFlags(FlagSet& flags) override;
    std::string Validate(const SimOptions& options) override;
    void AddReportParameters(Parameters& parameters) const override;
    void Install(ScenarioContext& context) override;

    const ServerRestartPlan& Plan() const;

  private:
    std::string m_text; //!< --server-restart; empty: none
    ServerRestartPlan m_plan;
};

} // namespace ns3

#endif // HANDSHAKE_SERVER_RESTART_COMPONENT_H
